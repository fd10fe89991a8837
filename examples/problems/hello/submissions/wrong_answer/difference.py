# Wrong answer: prints a - b instead of a + b (already wrong on the sample: 3 - 4 = -1, not 7).
a, b = map(int, input().split())
print(a - b)
