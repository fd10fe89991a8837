#!/usr/bin/env python3
# Input validator: n (1 <= n <= 10^5) on the first line, then n integers 0 <= a_i <= 10^9 on the second line.
# With the flag "group1" (see input_validator_flags in data/secret/group1/testdata.yaml) it also checks n <= 1000.
# Exits 42 when the input is valid and 43 otherwise (Kattis convention).
import re
import sys

INT = re.compile(rb'0|[1-9][0-9]*')


def main() -> int:
    max_n = 1000 if 'group1' in sys.argv[1:] else 10**5
    lines = sys.stdin.buffer.read().split(b'\n')
    if len(lines) != 3 or lines[2] != b'':
        print('expected exactly two lines', file=sys.stderr)
        return 43
    if not INT.fullmatch(lines[0]) or not 1 <= int(lines[0]) <= max_n:
        print(f'n must be an integer between 1 and {max_n}', file=sys.stderr)
        return 43
    n = int(lines[0])
    tokens = lines[1].split(b' ')
    if len(tokens) != n:
        print(f'expected {n} numbers separated by single spaces, got {len(tokens)} tokens', file=sys.stderr)
        return 43
    for token in tokens:
        if not INT.fullmatch(token) or int(token) > 10**9:
            print(f'bad number {token[:20]!r}', file=sys.stderr)
            return 43
    return 42


if __name__ == '__main__':
    sys.exit(main())
