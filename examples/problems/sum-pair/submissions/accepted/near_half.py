# Accepted: prints a pair as close to n/2 as possible (a different answer than the jury's "1 n-1", which the validator also accepts).
n = int(input())
if n == 2:
    x, y = 1, 1
elif n % 2 == 1:
    x, y = n // 2, n - n // 2
else:
    x, y = n // 2 - 1, n // 2 + 1
print(x, y)
