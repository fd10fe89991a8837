#!/usr/bin/env bash
# Accepted: Bash arithmetic is 64-bit, enough for |a + b| <= 8e18.
read -r a b
echo $((a + b))
