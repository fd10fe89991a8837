# Output limit exceeded: prints the sum over and over in an endless loop, far past the 1 MiB output limit.
import sys

a, b = map(int, input().split())
line = f'{a + b}\n' * 1000
while True:
    sys.stdout.write(line)
