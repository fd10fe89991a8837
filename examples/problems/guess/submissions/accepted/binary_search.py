# Accepted: binary search on [1, 10^9] with print(..., flush=True); the range halves each time, so at most 30 questions.
import sys


def main():
    lo, hi = 1, 10**9
    while lo < hi:
        mid = (lo + hi) // 2
        print('?', mid, flush=True)
        reply = sys.stdin.readline().strip()
        if reply == '=':
            lo = hi = mid
        elif reply == '<':
            hi = mid - 1
        elif reply == '>':
            lo = mid + 1
        else:
            return
    print('!', lo, flush=True)


main()
