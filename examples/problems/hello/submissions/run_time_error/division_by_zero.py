# Run-time error: divides by zero, so Python raises ZeroDivisionError and exits with status 1.
a, b = map(int, input().split())
zero = a - a
print((a + b) // zero)
