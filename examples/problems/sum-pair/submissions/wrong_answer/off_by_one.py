# Wrong answer: prints 1 and n instead of 1 and n - 1, so x + y = n + 1 (already wrong on the sample).
n = int(input())
print(1, n)
