#!/usr/bin/env bash
# Compile error: `if` without `fi` (bash -n finds it before any test runs).
read -r a b
if [ -n "$a" ]; then
  echo $((a + b))
