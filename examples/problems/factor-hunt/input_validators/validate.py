#!/usr/bin/env python3
# Input validator: one composite integer 4 <= n <= 10^14. Exits 42 when valid, 43 otherwise.
import math
import re
import sys

data = sys.stdin.buffer.read()
n = int(data) if re.fullmatch(rb'[1-9][0-9]*\n', data) else 0
sys.exit(42 if 4 <= n <= 10**14 and any(n % d == 0 for d in range(2, math.isqrt(n) + 1)) else 43)
