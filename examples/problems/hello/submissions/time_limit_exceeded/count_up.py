# Time limit exceeded: adds b to a one unit at a time, about |b| interpreted steps (up to 4e18), far too slow.
a, b = map(int, input().split())
step = 1 if b >= 0 else -1
total = a
i = 0
while i != b:
    total += step
    i += step
print(total)
