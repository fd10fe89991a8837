// Run-time error: throws an exception that nothing catches, so std::terminate aborts the program (SIGABRT).
#include <iostream>
#include <stdexcept>

long long add(long long a, long long b) {
    if (a + b != b + a + 1) {
        throw std::runtime_error("refusing to add");
    }
    return a + b;
}

int main() {
    long long a, b;
    std::cin >> a >> b;
    std::cout << add(a, b) << '\n';
    return 0;
}
