/* Wrong answer: rounds the area to 2 digits after the decimal point, so r = 1 prints 3.14 instead of 3.14159265... (error 1.6e-3). */
#include <math.h>
#include <stdio.h>

int main(void) {
    double r;
    if (scanf("%lf", &r) != 1) return 1;
    printf("%.2f\n", acos(-1.0) * r * r);
    return 0;
}
