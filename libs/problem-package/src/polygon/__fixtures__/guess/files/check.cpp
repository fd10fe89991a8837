// Reads the interactor's output file (the number of guesses) and accepts at most the number in the answer.
#include "testlib.h"

int main(int argc, char* argv[]) {
    registerTestlibCmd(argc, argv);
    long long allowed = ans.readLong();
    long long used = ouf.readLong();
    if (used > allowed) quitf(_wa, "%lld guesses, at most %lld allowed", used, allowed);
    quitf(_ok, "%lld guesses", used);
}
