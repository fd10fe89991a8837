# Run-time error: expects two numbers on the input line but there is only one, so the unpacking raises ValueError (exit status 1).
n, m = map(int, input().split())
print(1, n + m - 1)
