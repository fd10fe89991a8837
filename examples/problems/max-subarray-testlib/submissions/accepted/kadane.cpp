// Accepted: Kadane's algorithm in O(n) with 64-bit sums; a running sum that is not positive is restarted at the current element.
#include <cstdio>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    long long best = 0, current = 0;
    int bestL = 0, bestR = 0, start = 1;
    for (int i = 1; i <= n; i++) {
        long long x;
        if (std::scanf("%lld", &x) != 1) return 1;
        if (i == 1 || current <= 0) {
            current = x;
            start = i;
        } else {
            current += x;
        }
        if (i == 1 || current > best) {
            best = current;
            bestL = start;
            bestR = i;
        }
    }
    std::printf("%lld %d %d\n", best, bestL, bestR);
    return 0;
}
