#include <stdio.h>
int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    if (n % 3 == 0) printf("%d\n", n / 3);
    else printf("%.10f\n", n / 3.0);
    return 0;
}
