/* Compile error: the declaration of sum lacks its semicolon, a syntax error. */
#include <stdio.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    long long sum = a + b
    printf("%lld\n", sum);
    return 0;
}
