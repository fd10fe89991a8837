# Wrong answer: binary search that stops as soon as it hears "=", but never prints the final "! x" line, so its output ends without an answer.
import sys

lo, hi = 1, 10**9
while lo <= hi:
    mid = (lo + hi) // 2
    print('?', mid, flush=True)
    reply = sys.stdin.readline().strip()
    if reply == '=':
        break
    if reply == '<':
        hi = mid - 1
    else:
        lo = mid + 1
