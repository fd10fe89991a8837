// Wrong answer: asks 1, 2, 3, ... in turn, which needs more than 30 questions whenever x > 30 (the sample's x = 42), so the interactor rejects.
#include <iostream>
#include <string>

int main() {
    for (long long y = 1; y <= 1000000000; y++) {
        std::cout << "? " << y << std::endl;
        std::string reply;
        // The interactor stops reading after rejecting; leave quietly at end of input instead of crashing.
        if (!(std::cin >> reply)) return 0;
        if (reply == "=") {
            std::cout << "! " << y << std::endl;
            return 0;
        }
    }
    return 0;
}
