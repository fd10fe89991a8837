/* Accepted: computes pi * r * r in double with pi = acos(-1) and prints it with 10 digits after the decimal point. */
#include <math.h>
#include <stdio.h>

int main(void) {
    double r;
    if (scanf("%lf", &r) != 1) return 1;
    const double pi = acos(-1.0);
    printf("%.10f\n", pi * r * r);
    return 0;
}
