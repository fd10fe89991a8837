# Accepted: coordinate compression plus a Fenwick tree counting earlier elements greater than the current one, O(n log n).
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    a = data[1:n + 1]
    values = sorted(set(map(int, a)))
    rank = {v: i + 1 for i, v in enumerate(values)}
    size = len(values)
    tree = [0] * (size + 1)
    inversions = 0
    for seen, token in enumerate(a):
        r = rank[int(token)]
        # elements so far that are <= a_i
        not_greater = 0
        i = r
        while i > 0:
            not_greater += tree[i]
            i -= i & -i
        inversions += seen - not_greater
        i = r
        while i <= size:
            tree[i] += 1
            i += i & -i
    print(inversions)


main()
