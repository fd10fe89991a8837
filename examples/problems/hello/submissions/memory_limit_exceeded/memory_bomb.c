/*
 * Memory limit exceeded: maps 1 GiB (4x the 256 MiB limit) in 32 MiB blocks, writes every byte and keeps every block.
 * Each block asks for transparent huge pages (MADV_HUGEPAGE), as a program that uses much memory on purpose does:
 * 2 MiB pages need 512 times fewer page faults than 4 KiB ones, and on some virtual machines 65,536 faults of
 * 4 KiB take most of the second of CPU time the problem allows. Without huge pages it is the same program.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BLOCK ((size_t)32 << 20)
#define BLOCKS 32

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    long long checksum = 0;
    for (int i = 0; i < BLOCKS; i++) {
        char *block = mmap(NULL, BLOCK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (block == MAP_FAILED) abort(); /* only reached under an address-space limit */
        madvise(block, BLOCK, MADV_HUGEPAGE);
        memset(block, i + 1, BLOCK);
        checksum += block[i];
    }
    printf("%lld\n", a + b + (checksum == -1));
    return 0;
}
