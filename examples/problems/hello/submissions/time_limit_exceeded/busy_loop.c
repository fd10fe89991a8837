/* Time limit exceeded: spins forever in a busy loop (burning CPU) before it would print a + b. */
#include <stdio.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    volatile unsigned long long spins = 0;
    for (;;) {
        spins++;
    }
    printf("%lld\n", a + b);
    return 0;
}
