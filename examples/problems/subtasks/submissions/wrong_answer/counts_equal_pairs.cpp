// Wrong answer (0 points): also counts pairs of equal numbers as inversions (a[i] >= a[j]), wrong on the samples and in both groups.
#include <cstdio>
#include <vector>

long long sortAndCount(std::vector<int>& a, std::vector<int>& buffer, int lo, int hi) {
    if (hi - lo <= 1) return 0;
    int mid = lo + (hi - lo) / 2;
    long long count = sortAndCount(a, buffer, lo, mid) + sortAndCount(a, buffer, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (a[j] <= a[i]) {
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
    std::printf("%lld\n", sortAndCount(a, buffer, 0, n));
    return 0;
}
