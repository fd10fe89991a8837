#include <stdio.h>
/* sum of the numbers in the input */
static long long   total_of(int k)
{
    long long acc = 0;
    while (k-- > 0)
    {
        long long x;
        if (scanf("%lld", &x) != 1)
            break;
        acc += x;
    }
    return acc;
}
int main(void)
{
    int count = 0;
    if (scanf("%d", &count) != 1)
        return 1;
    printf("%lld\n", total_of(count));   // the answer
    return 0;
}
