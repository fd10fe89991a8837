// Generator for the large tests: gen <a> <seed> prints a and a number near it.
#include <cstdio>
#include <cstdlib>

int main(int argc, char* argv[]) {
    long long a = std::atoll(argv[1]);
    long long seed = std::atoll(argv[2]);
    std::printf("%lld %lld\n", a, a > 0 ? a - seed : a + seed);
}
