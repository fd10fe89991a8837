# Accepted: Python integers have arbitrary precision, so a + b is always exact.
a, b = map(int, input().split())
print(a + b)
