# Memory limit exceeded: builds 1 GiB (4x the 256 MiB limit) of 4 MiB byte strings, every byte written, and keeps them all in a list.
a, b = map(int, input().split())
chunks = []
for i in range(256):
    chunks.append(bytes([i % 255 + 1]) * (4 << 20))
print(a + b + (len(chunks) == 0))
