/* Wrong answer: adds in double, which has only 53 bits of mantissa, so 4e18 + (-1) prints 4000000000000000000 (secret test 03). */
#include <stdio.h>

int main(void) {
    double a, b;
    if (scanf("%lf %lf", &a, &b) != 2) return 1;
    printf("%.0f\n", a + b);
    return 0;
}
