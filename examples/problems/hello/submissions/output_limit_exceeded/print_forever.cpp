// Output limit exceeded: prints the sum over and over in an endless loop, far past the 1 MiB output limit.
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    for (;;) {
        std::cout << a + b << '\n';
    }
}
