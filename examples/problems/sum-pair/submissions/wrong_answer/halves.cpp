// Wrong answer: prints n/2 twice, so for even n >= 4 the numbers are equal (sample 1: "5 5") and for odd n their sum is n - 1.
#include <iostream>

int main() {
    long long n;
    std::cin >> n;
    std::cout << n / 2 << ' ' << n / 2 << '\n';
    return 0;
}
