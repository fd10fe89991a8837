// Wrong answer: stores the sum in a 32-bit int, so 2e9 + 2e9 wraps around to -294967296 (secret test 01); C++20 defines the wrap-around.
#include <cstdint>
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    std::int32_t sum = static_cast<std::int32_t>(a + b);
    std::cout << sum << '\n';
    return 0;
}
