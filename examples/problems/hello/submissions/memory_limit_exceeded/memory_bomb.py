# Memory limit exceeded: maps 1 GiB (4x the 256 MiB limit) in 32 MiB blocks and keeps them all in a list. Each block
# asks for transparent huge pages (MADV_HUGEPAGE): 512 times fewer page faults than 4 KiB pages, which on some virtual
# machines take most of the problem's second of CPU time. Writing one byte in each 4 KiB page is enough to make the
# kernel give the page, with huge pages or without.
import mmap

BLOCK = 32 << 20

a, b = map(int, input().split())
blocks = []
for i in range(32):
    block = mmap.mmap(-1, BLOCK, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    block.madvise(mmap.MADV_HUGEPAGE)
    for offset in range(0, BLOCK, 4096):
        block[offset] = i % 255 + 1
    blocks.append(block)
print(a + b + (len(blocks) == 0))
