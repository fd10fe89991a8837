/* Accepted: reads a and b into 64-bit long long and prints a + b, which fits because |a + b| <= 8e18. */
#include <stdio.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    printf("%lld\n", a + b);
    return 0;
}
