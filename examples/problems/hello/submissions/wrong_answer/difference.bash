#!/usr/bin/env bash
# Wrong answer: prints a - b instead of a + b (already wrong on the sample).
read -r a b
echo $((a - b))
