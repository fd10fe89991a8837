#!/usr/bin/env python3
# Input validator: one line with the secret number x, 1 <= x <= 10^9.
# Exits 42 when the input is valid and 43 otherwise (Kattis convention).
import re
import sys


def main() -> int:
    data = sys.stdin.buffer.read()
    if not re.fullmatch(rb'[1-9][0-9]*\n', data) or not 1 <= int(data) <= 10**9:
        print('expected a single line with an integer 1 <= x <= 10^9', file=sys.stderr)
        return 43
    return 42


if __name__ == '__main__':
    sys.exit(main())
