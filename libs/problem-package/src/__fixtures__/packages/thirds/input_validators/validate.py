import sys
n = int(sys.stdin.readline())
sys.exit(42 if 1 <= n <= 1000 else 43)
