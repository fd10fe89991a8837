// Partially accepted (30 of 100 points): checks every pair, O(n^2), fine for group 1 (n <= 1000) but far too slow for group 2.
// @EXPECTED_SCORE@: 30
// Group 1 is accepted (30 points); group 2 times out (0 points). With accept_if_any_accepted in
// data/secret/testdata.yaml the overall verdict is Accepted with score 30 < 100, i.e. partially accepted.
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<int> a(n);
    for (auto& x : a) {
        if (std::scanf("%d", &x) != 1) return 1;
    }
    long long inversions = 0;
    for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
            if (a[i] > a[j]) inversions++;
        }
    }
    std::printf("%lld\n", inversions);
    return 0;
}
