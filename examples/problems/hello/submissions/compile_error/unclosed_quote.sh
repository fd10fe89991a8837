#!/bin/sh
# Compile error: a quote that is never closed.
read -r a b
echo "$((a + b))
