// testlib.h -- a MINIMAL stand-in for testlib, written from scratch for this example problem.
//
// This is NOT the real testlib (github.com/MikeMirzayanov/testlib), which cannot be shipped here. It implements
// only the small part of the checker API that check.cpp uses, with the same names and the same meaning, so a
// checker written against it also compiles with the real testlib.h:
//
//   registerTestlibCmd(argc, argv)   checker invocation: checker <input> <output> <answer> [extra args ignored]
//   registerInteraction(argc, argv)  interactor invocation: interactor <input> <output> [<answer>]; the program
//                                    under test is on stdin (read as ouf) and stdout, and the interactor writes
//                                    what the checker should read to tout (the <output> file)
//   inf, ouf, ans                    the test input, the contestant's output and the jury's answer
//   readLong(), readInt()            a decimal integer (optionally with a range [min, max] and a name for messages)
//   readToken(), readWord()          a maximal run of non-whitespace characters
//   seekEof(), eof()                 end of file after skipping whitespace / right now
//   quitf(result, fmt, ...)          print the verdict and message to stderr and exit with the verdict's code
//   quitp(points, fmt, ...)          partial score: exit code 7, message "points <points> <message>"
//
// Exit codes (Polygon convention): 0 ok, 1 wrong answer, 2 presentation error, 3 fail (a bug in the checker or
// the jury's data), 7 points. Differences from the real testlib: reading past the end of the contestant's output
// gives a presentation error (exit 2) instead of testlib's separate "unexpected eof" code, and there is no
// result file, no strict mode and no validator support.
#ifndef TESTLIB_MINIMAL_EXAMPLE_H
#define TESTLIB_MINIMAL_EXAMPLE_H

#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

enum TResult { _ok = 0, _wa = 1, _pe = 2, _fail = 3, _points = 7 };

namespace testlib_minimal {

inline std::string vformat(const char* fmt, va_list args) {
    va_list copy;
    va_copy(copy, args);
    int length = std::vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    if (length < 0) return fmt;
    std::string text(static_cast<std::size_t>(length) + 1, '\0');
    std::vsnprintf(&text[0], text.size(), fmt, args);
    text.resize(static_cast<std::size_t>(length));
    return text;
}

inline std::string format(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::string text = vformat(fmt, args);
    va_end(args);
    return text;
}

// Contestant text in messages: control and non-ASCII bytes escaped, long tokens cut.
inline std::string shorten(const std::string& token) {
    std::string shown;
    for (std::size_t i = 0; i < token.size() && i < 64; i++) {
        unsigned char c = static_cast<unsigned char>(token[i]);
        if (c >= 0x20 && c < 0x7f) shown += static_cast<char>(c);
        else shown += format("\\x%02x", c);
    }
    if (token.size() > 64) shown += "...";
    return shown;
}

[[noreturn]] inline void finish(TResult result, const std::string& message);

}  // namespace testlib_minimal

class InStream {
public:
    enum Mode { input, output, answer };

    void open(const char* path, Mode mode, const char* what) {
        mode_ = mode;
        file_ = std::fopen(path, "rb");
        if (file_ == nullptr) {
            testlib_minimal::finish(_fail, testlib_minimal::format("cannot open %s file \"%s\"", what, path));
        }
    }

    // An already open stream: the interactor reads the program under test from stdin.
    void attach(FILE* file, Mode mode) {
        mode_ = mode;
        file_ = file;
    }

    bool eof() { return peek() == EOF; }

    bool seekEof() {
        skipBlanks();
        return eof();
    }

    std::string readToken() {
        skipBlanks();
        if (eof()) error(_pe, "unexpected end of file: a token was expected");
        std::string token;
        int c;
        while ((c = peek()) != EOF && !std::isspace(c)) {
            token += static_cast<char>(std::getc(file_));
        }
        return token;
    }

    std::string readWord() { return readToken(); }

    long long readLong() {
        skipBlanks();
        if (eof()) error(_pe, "unexpected end of file: an integer was expected");
        std::string token = readToken();
        long long value = 0;
        if (!parseLong(token, value)) {
            error(_pe, "expected an integer, but \"" + testlib_minimal::shorten(token) + "\" found");
        }
        return value;
    }

    long long readLong(long long min, long long max, const std::string& name = "") {
        long long value = readLong();
        if (value < min || value > max) {
            error(_wa, testlib_minimal::format("%s = %lld violates the range [%lld, %lld]",
                                               name.empty() ? "integer" : name.c_str(), value, min, max));
        }
        return value;
    }

    int readInt() { return static_cast<int>(readLong(-2147483648LL, 2147483647LL)); }

    int readInt(int min, int max, const std::string& name = "") {
        return static_cast<int>(readLong(min, max, name));
    }

private:
    FILE* file_ = nullptr;
    Mode mode_ = input;

    int peek() {
        if (file_ == nullptr) return EOF;
        int c = std::getc(file_);
        if (c != EOF) std::ungetc(c, file_);
        return c;
    }

    void skipBlanks() {
        int c;
        while ((c = peek()) != EOF && std::isspace(c)) std::getc(file_);
    }

    // Problems in the contestant's output are the contestant's fault (the given result); problems in the test
    // input or the jury's answer are the jury's (fail), as in testlib.
    [[noreturn]] void error(TResult contestantResult, const std::string& message) {
        if (mode_ == output) testlib_minimal::finish(contestantResult, message);
        testlib_minimal::finish(_fail, std::string(mode_ == input ? "input file: " : "answer file: ") + message);
    }

    // Canonical decimal integers only: optional '-', digits, no leading zeros, no "-0", within 64 bits.
    static bool parseLong(const std::string& token, long long& value) {
        std::size_t i = token.size() > 0 && token[0] == '-' ? 1 : 0;
        bool negative = i == 1;
        if (i == token.size()) return false;
        if (token[i] == '0' && token.size() > i + 1) return false;
        if (negative && token == "-0") return false;
        unsigned long long magnitude = 0;
        const unsigned long long limit = negative ? 9223372036854775808ULL : 9223372036854775807ULL;
        for (; i < token.size(); i++) {
            if (!std::isdigit(static_cast<unsigned char>(token[i]))) return false;
            unsigned digit = static_cast<unsigned>(token[i] - '0');
            if (magnitude > (limit - digit) / 10) return false;
            magnitude = magnitude * 10 + digit;
        }
        value = negative ? static_cast<long long>(0 - magnitude) : static_cast<long long>(magnitude);
        return true;
    }
};

inline InStream inf, ouf, ans;
// The interactor's output file, read by the checker afterwards.
inline std::ofstream tout;

namespace testlib_minimal {

inline bool registered = false;
inline bool interactor = false;

[[noreturn]] inline void finish(TResult result, const std::string& message) {
    // Like testlib, an accepted output must not carry anything after what the checker read.
    // Not for an interactor: reading on would wait for the program under test to end.
    if (result == _ok && registered && !interactor && !ouf.seekEof()) {
        std::fprintf(stderr, "wrong output format Extra information in the output file\n");
        std::exit(_pe);
    }
    const char* label = "FAIL";
    switch (result) {
        case _ok: label = "ok"; break;
        case _wa: label = "wrong answer"; break;
        case _pe: label = "wrong output format"; break;
        case _fail: label = "FAIL"; break;
        case _points: label = "points"; break;
    }
    if (interactor) tout.close();
    std::fprintf(stderr, "%s%s%s\n", label, message.empty() ? "" : " ", message.c_str());
    std::exit(result);
}

}  // namespace testlib_minimal

[[noreturn]] inline void quit(TResult result, const std::string& message) {
    testlib_minimal::finish(result, message);
}

[[noreturn]] inline void quitf(TResult result, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::string message = testlib_minimal::vformat(fmt, args);
    va_end(args);
    testlib_minimal::finish(result, message);
}

[[noreturn]] inline void quitp(double points, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::string message = testlib_minimal::vformat(fmt, args);
    va_end(args);
    std::string text = testlib_minimal::format("%.10g", points);
    if (!message.empty()) text += " " + message;
    testlib_minimal::finish(_points, text);
}

inline void registerTestlibCmd(int argc, char* argv[]) {
    if (argc < 4) {
        quitf(_fail, "usage: %s <input-file> <output-file> <answer-file>", argc > 0 ? argv[0] : "checker");
    }
    inf.open(argv[1], InStream::input, "input");
    ouf.open(argv[2], InStream::output, "output");
    ans.open(argv[3], InStream::answer, "answer");
    testlib_minimal::registered = true;
}

inline void registerInteraction(int argc, char* argv[]) {
    if (argc < 3) {
        quitf(_fail, "usage: %s <input-file> <output-file> [<answer-file>]", argc > 0 ? argv[0] : "interactor");
    }
    inf.open(argv[1], InStream::input, "input");
    tout.open(argv[2], std::ios_base::out | std::ios_base::trunc);
    if (!tout.is_open()) quitf(_fail, "cannot write to the output file \"%s\"", argv[2]);
    ouf.attach(stdin, InStream::output);
    if (argc >= 4) ans.open(argv[3], InStream::answer, "answer");
    testlib_minimal::registered = true;
    testlib_minimal::interactor = true;
}

#endif  // TESTLIB_MINIMAL_EXAMPLE_H
