// Compares the output with the answer token by token, exactly (what testlib's standard wcmp does), written
// against testlib's checker interface.
#include <string>

#include "testlib.h"

int main(int argc, char* argv[]) {
    registerTestlibCmd(argc, argv);
    int n = 0;
    while (!ans.seekEof()) {
        std::string expected = ans.readToken();
        if (ouf.seekEof()) quitf(_wa, "answer has more tokens than the output (%d read)", n);
        std::string found = ouf.readToken();
        n++;
        if (found != expected) quitf(_wa, "token %d differs: expected \"%s\", found \"%s\"", n, expected.c_str(), found.c_str());
    }
    if (!ouf.seekEof()) quitf(_wa, "output has more tokens than the answer (%d)", n);
    quitf(_ok, "%d tokens", n);
}
