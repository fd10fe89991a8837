#include <cstdio>

// Reads `remaining` numbers and adds them up.
static long long readAndSum(int remaining) {
    long long sum = 0;
    while (remaining-- > 0) {
        long long value;
        if (scanf("%lld", &value) != 1) break;
        sum += value;
    }
    return sum;
}

int main(void) {
    int n = 0;
    if (scanf("%d", &n) != 1) return 1;
    printf("%lld\n", readAndSum(n));
    return 0;
}
