// Checker for "Maximum Subarray" in the testlib convention: check <input> <contestant output> <jury answer>.
// The contestant prints a sum S and indices l r; the checker verifies 1 <= l <= r <= n, that a[l..r] really
// sums to S, and that S equals the jury's maximum. Exit codes: 0 ok, 1 wrong answer, 2 presentation error,
// 3 fail (the contestant beat the jury, or the jury's files are broken).
#include <vector>

#include "testlib.h"

int main(int argc, char* argv[]) {
    registerTestlibCmd(argc, argv);

    int n = inf.readInt(1, 100000, "n");
    std::vector<long long> prefix(n + 1, 0);
    for (int i = 1; i <= n; i++) {
        prefix[i] = prefix[i - 1] + inf.readLong(-1000000000LL, 1000000000LL, "a_i");
    }

    long long jury = ans.readLong();

    long long printed = ouf.readLong();
    int l = ouf.readInt(1, n, "l");
    int r = ouf.readInt(l, n, "r");
    long long actual = prefix[r] - prefix[l - 1];

    if (actual != printed) {
        quitf(_wa, "the sum of a[%d..%d] is %lld, but the printed sum is %lld", l, r, actual, printed);
    }
    if (printed < jury) {
        quitf(_wa, "the sum %lld of a[%d..%d] is not the maximum %lld", printed, l, r, jury);
    }
    if (printed > jury) {
        quitf(_fail, "the contestant's a[%d..%d] has sum %lld, more than the jury's maximum %lld", l, r, printed, jury);
    }
    quitf(_ok, "maximum sum %lld, a[%d..%d]", printed, l, r);
}
