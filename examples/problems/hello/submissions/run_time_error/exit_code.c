/* Run-time error: prints the correct sum but returns exit code 1 from main; any non-zero exit status is a run-time error. */
#include <stdio.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 2;
    printf("%lld\n", a + b);
    return 1;
}
