// Keeps 512 MiB, touched page by page, under a 64 MiB limit.
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main() {
    const std::size_t size = 512u << 20;
    char* block = static_cast<char*>(std::malloc(size));
    if (block == nullptr) return 1;
    for (std::size_t i = 0; i < size; i += 4096) block[i] = static_cast<char>(i);
    std::printf("%d\n", block[size - 4096]);
}
