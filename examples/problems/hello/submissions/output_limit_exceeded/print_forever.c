/* Output limit exceeded: prints the sum over and over in an endless loop, far past the 1 MiB output limit. */
#include <stdio.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    for (;;) {
        printf("%lld\n", a + b);
    }
}
