// Partially accepted (30 of 100 points): fast merge sort, but the count is kept in a 32-bit unsigned int, which wraps around above 4294967295 in group 2.
// @EXPECTED_SCORE@: 30
// Group 1 counts stay below 500000, so group 1 is accepted (30 points); group 2 gets Wrong Answer on tests whose
// count exceeds 2^32 - 1 (0 points). With accept_if_any_accepted in data/secret/testdata.yaml the overall verdict
// is Accepted with score 30 < 100: this is a partially accepted submission, not a wrong_answer one.
#include <cstdio>
#include <vector>

unsigned int sortAndCount(std::vector<int>& a, std::vector<int>& buffer, int lo, int hi) {
    if (hi - lo <= 1) return 0;
    int mid = lo + (hi - lo) / 2;
    unsigned int count = sortAndCount(a, buffer, lo, mid) + sortAndCount(a, buffer, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (a[j] < a[i]) {
            count += mid - i;
            buffer[k++] = a[j++];
        } else {
            buffer[k++] = a[i++];
        }
    }
    while (i < mid) buffer[k++] = a[i++];
    while (j < hi) buffer[k++] = a[j++];
    for (k = lo; k < hi; k++) a[k] = buffer[k];
    return count;
}

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<int> a(n), buffer(n);
    for (auto& x : a) {
        if (std::scanf("%d", &x) != 1) return 1;
    }
    std::printf("%u\n", sortAndCount(a, buffer, 0, n));
    return 0;
}
