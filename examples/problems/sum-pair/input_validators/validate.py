#!/usr/bin/env python3
# Input validator: one line with an integer n, 2 <= n <= 10^9.
# Exits 42 when the input is valid and 43 otherwise (Kattis convention).
import re
import sys


def main() -> int:
    data = sys.stdin.buffer.read()
    if not re.fullmatch(rb'[1-9][0-9]*\n', data):
        print('expected a single line with a positive integer', file=sys.stderr)
        return 43
    n = int(data)
    if not 2 <= n <= 10**9:
        print('n out of range', file=sys.stderr)
        return 43
    return 42


if __name__ == '__main__':
    sys.exit(main())
