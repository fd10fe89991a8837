# Accepted: Kadane's algorithm in O(n); Python integers never overflow, and reading all input at once keeps it fast.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    best = current = None
    best_l = best_r = start = 0
    for i in range(1, n + 1):
        x = int(data[i])
        if current is None or current <= 0:
            current, start = x, i
        else:
            current += x
        if best is None or current > best:
            best, best_l, best_r = current, start, i
    print(best, best_l, best_r)


main()
