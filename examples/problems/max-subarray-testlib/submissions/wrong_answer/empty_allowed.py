# Wrong answer: Kadane that starts from 0 as if the empty subarray were allowed, so for all-negative input it prints the sum 0 (sample 2).
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    best, best_l, best_r = 0, 1, 1
    current, start = 0, 1
    for i in range(1, n + 1):
        current += int(data[i])
        if current > best:
            best, best_l, best_r = current, start, i
        if current < 0:
            current, start = 0, i + 1
    print(best, best_l, best_r)


main()
