#!/usr/bin/env python3
# Input validator: n (1 <= n <= 10^5) on the first line, then n integers |a_i| <= 10^9 on the second line.
# Exits 42 when the input is valid and 43 otherwise (Kattis convention).
import re
import sys

INT = re.compile(rb'0|-?[1-9][0-9]*')


def main() -> int:
    lines = sys.stdin.buffer.read().split(b'\n')
    if len(lines) != 3 or lines[2] != b'':
        print('expected exactly two lines', file=sys.stderr)
        return 43
    if not INT.fullmatch(lines[0]) or not 1 <= int(lines[0]) <= 10**5:
        print('bad n', file=sys.stderr)
        return 43
    n = int(lines[0])
    tokens = lines[1].split(b' ')
    if len(tokens) != n:
        print(f'expected {n} numbers separated by single spaces, got {len(tokens)} tokens', file=sys.stderr)
        return 43
    for token in tokens:
        if not INT.fullmatch(token) or not -10**9 <= int(token) <= 10**9:
            print(f'bad number {token[:20]!r}', file=sys.stderr)
            return 43
    return 42


if __name__ == '__main__':
    sys.exit(main())
