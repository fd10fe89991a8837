// Wrong answer: finds the right maximum sum but prints 0-based indices, so l r do not describe a subarray with that sum (or l = 0 is out of range).
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<long long> a(n);
    for (auto& x : a) {
        if (std::scanf("%lld", &x) != 1) return 1;
    }
    long long best = a[0], current = 0;
    int bestL = 0, bestR = 0, start = 0;
    for (int i = 0; i < n; i++) {
        if (i == 0 || current <= 0) {
            current = a[i];
            start = i;
        } else {
            current += a[i];
        }
        if (current > best) {
            best = current;
            bestL = start;
            bestR = i;
        }
    }
    std::printf("%lld %d %d\n", best, bestL, bestR);
    return 0;
}
