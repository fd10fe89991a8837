// Time limit exceeded: adds b to a one unit at a time, about |b| steps (up to 4e18); volatile stops the compiler from shortcutting the loop.
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    volatile long long sum = a;
    long long step = b >= 0 ? 1 : -1;
    for (long long i = 0; i != b; i += step) {
        sum = sum + step;
    }
    std::cout << sum << '\n';
    return 0;
}
