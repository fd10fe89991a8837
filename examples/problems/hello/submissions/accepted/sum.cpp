// Accepted: reads a and b into 64-bit long long and prints a + b, which fits because |a + b| <= 8e18.
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    std::cout << a + b << '\n';
    return 0;
}
