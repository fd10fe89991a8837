# Accepted: prints math.pi * r * r with Python's default float formatting (repr, shortest round-trip, e.g. 3.141592653589793 or 3.141592653589793e-12).
import math

r = float(input())
print(math.pi * r * r)
