#!/bin/sh
# Wrong answer: prints a * b instead of a + b (already wrong on the sample: 12, not 7).
read -r a b
echo $((a * b))
