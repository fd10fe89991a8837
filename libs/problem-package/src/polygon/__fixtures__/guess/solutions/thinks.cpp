// Reads n, then thinks for ever before its first guess.
#include <iostream>

int main() {
    long long n;
    std::cin >> n;
    volatile unsigned long long counter = 0;
    for (;;) counter++;
}
