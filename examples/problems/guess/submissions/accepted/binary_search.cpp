// Accepted: binary search on [1, 10^9], flushing after every question; the range halves each time, so at most 30 questions.
#include <iostream>
#include <string>

int main() {
    long long lo = 1, hi = 1000000000;
    while (lo < hi) {
        long long mid = lo + (hi - lo) / 2;
        std::cout << "? " << mid << std::endl;  // std::endl flushes
        std::string reply;
        if (!(std::cin >> reply)) return 0;
        if (reply == "=") {
            lo = hi = mid;
        } else if (reply == "<") {
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
    std::cout << "! " << lo << std::endl;
    return 0;
}
