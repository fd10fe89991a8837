// Guesses once, never the number on test 1, then stops: the interactor finds the end of its guesses.
#include <iostream>

int main() {
    long long n;
    std::cin >> n;
    std::cout << "? " << n << std::endl;
}
