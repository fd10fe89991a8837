// Tells the program n, then answers each guess "? y" with "<" (the number is smaller), ">" (larger) or "="
// (found). Writes the number of guesses to the output file for the checker.
#include <iostream>
#include <string>

#include "testlib.h"

int main(int argc, char* argv[]) {
    registerInteraction(argc, argv);
    long long n = inf.readLong();
    long long secret = inf.readLong();
    std::cout << n << std::endl;
    for (long long guesses = 1; guesses <= n; guesses++) {
        std::string mark = ouf.readToken();
        if (mark != "?") quitf(_wa, "expected \"?\", got \"%s\"", mark.c_str());
        long long y = ouf.readLong(1, n, "guess");
        if (y == secret) {
            std::cout << "=" << std::endl;
            tout << guesses << std::endl;
            quitf(_ok, "found %lld in %lld guesses", secret, guesses);
        }
        std::cout << (secret < y ? "<" : ">") << std::endl;
    }
    quitf(_wa, "more than n = %lld guesses", n);
}
