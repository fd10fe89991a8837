n = int(input())
print(f"{n / 3:.10f}" if n % 3 else n // 3)
