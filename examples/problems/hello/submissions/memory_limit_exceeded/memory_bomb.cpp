// Memory limit exceeded: maps 1 GiB (4x the 256 MiB limit) in 32 MiB blocks filled with non-zero bytes, keeping every
// block. Each block asks for transparent huge pages (MADV_HUGEPAGE): 512 times fewer page faults than 4 KiB pages,
// which on some virtual machines take most of the problem's second of CPU time. Without them it is the same program.
#include <sys/mman.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    const std::size_t block = std::size_t(32) << 20;
    long long checksum = 0;
    for (int i = 0; i < 32; i++) {
        void *mapped = mmap(nullptr, block, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped == MAP_FAILED) std::abort();  // only reached under an address-space limit
        madvise(mapped, block, MADV_HUGEPAGE);
        char *bytes = static_cast<char *>(mapped);
        std::memset(bytes, i + 1, block);
        checksum += bytes[i];
    }
    std::cout << a + b + (checksum == -1) << '\n';
    return 0;
}
