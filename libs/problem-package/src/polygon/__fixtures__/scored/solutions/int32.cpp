// Reads and sums in 32 bits: right on groups 0 and 1 and on test 6, wrong on group 2 and test 7 (30 + 10 points).
#include <cstdio>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    int total = 0;
    for (int i = 0; i < n; i++) {
        long long x;
        if (std::scanf("%lld", &x) != 1) return 1;
        total = static_cast<int>(static_cast<unsigned>(total) + static_cast<unsigned>(x));
    }
    std::printf("%d\n", total);
}
