#!/usr/bin/env python3
# Input validator: `encode`, then a word of 1 to 100 lowercase letters. Exits 42 when valid, 43 otherwise.
import re
import sys

data = sys.stdin.buffer.read()
sys.exit(42 if re.fullmatch(rb'encode\n[a-z]{1,100}\n', data) else 43)
