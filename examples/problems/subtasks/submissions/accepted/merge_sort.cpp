// Accepted: counts inversions while merge sorting, O(n log n), with a 64-bit counter (the count can reach about 5e9).
#include <cstdio>
#include <vector>

long long sortAndCount(std::vector<int>& a, std::vector<int>& buffer, int lo, int hi) {
    if (hi - lo <= 1) return 0;
    int mid = lo + (hi - lo) / 2;
    long long count = sortAndCount(a, buffer, lo, mid) + sortAndCount(a, buffer, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (a[j] < a[i]) {
            count += mid - i;  // a[j] is smaller than every element left in the left half
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
