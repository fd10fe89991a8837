#!/usr/bin/env python3
# Input validator: one line "a b" with two integers, |a|, |b| <= 4e18, no extra whitespace.
# Exits 42 when the input is valid and 43 otherwise (Kattis convention).
import re
import sys

BOUND = 4 * 10**18
INT = r'(0|-?[1-9][0-9]*)'


def main() -> int:
    data = sys.stdin.buffer.read().decode('ascii', errors='strict')
    m = re.fullmatch(INT + ' ' + INT + '\n', data)
    if not m:
        print('expected a single line "a b"', file=sys.stderr)
        return 43
    a, b = int(m.group(1)), int(m.group(2))
    if not (-BOUND <= a <= BOUND and -BOUND <= b <= BOUND):
        print('a or b out of range', file=sys.stderr)
        return 43
    return 42


if __name__ == '__main__':
    try:
        sys.exit(main())
    except UnicodeDecodeError:
        print('input is not ASCII', file=sys.stderr)
        sys.exit(43)
