#!/usr/bin/env python3
# Input validator: one line with a real number r, 0 < r <= 1000, at most 6 digits after the decimal point.
# Exits 42 when the input is valid and 43 otherwise (Kattis convention).
import re
import sys
from decimal import Decimal


def main() -> int:
    data = sys.stdin.buffer.read()
    m = re.fullmatch(rb'(0|[1-9][0-9]*)(\.[0-9]{1,6})?\n', data)
    if not m:
        print('expected a single line with a real number like 12.5', file=sys.stderr)
        return 43
    r = Decimal(data.decode('ascii').strip())
    if not (0 < r <= 1000):
        print('r out of range', file=sys.stderr)
        return 43
    return 42


if __name__ == '__main__':
    sys.exit(main())
