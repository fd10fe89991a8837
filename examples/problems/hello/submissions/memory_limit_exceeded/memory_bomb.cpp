// Memory limit exceeded: allocates 1 GiB (4x the 256 MiB limit) in 4 MiB vectors filled with ones, keeping every vector alive.
#include <iostream>
#include <vector>

int main() {
    long long a, b;
    std::cin >> a >> b;
    const std::size_t chunk = std::size_t(4) << 20;
    std::vector<std::vector<char>> chunks;
    long long checksum = 0;
    for (int i = 0; i < 256; i++) {
        chunks.emplace_back(chunk, char(i + 1));
        checksum += chunks.back()[i];
    }
    std::cout << a + b + (checksum == -1) << '\n';
    return 0;
}
