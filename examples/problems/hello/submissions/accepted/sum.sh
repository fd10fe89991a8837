#!/bin/sh
# Accepted: POSIX shell arithmetic (dash: intmax_t, 64 bits) is enough for |a + b| <= 8e18.
read -r a b
echo $((a + b))
