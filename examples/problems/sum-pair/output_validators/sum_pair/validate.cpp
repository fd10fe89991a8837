// Output validator for "Sum Pair" (Kattis output validator protocol, C++17, standard library only).
//
// Usage: validate input_file answer_file feedback_dir [flags] < team_output
//
// Reads n from input_file and checks that the team printed exactly two positive integers x and y with
// x + y = n, and x != y unless n = 2. The answer file holds one valid pair but is not needed: any valid
// pair is accepted. Exit codes: 42 accepted, 43 rejected (with a reason in feedback_dir/judgemessage.txt),
// anything else (1) means the validator itself failed, e.g. on a broken input file.
#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

constexpr int EXIT_ACCEPT = 42;
constexpr int EXIT_REJECT = 43;
constexpr int EXIT_JUDGE_ERROR = 1;
// Longer tokens cannot be valid numbers here; stop reading them early so huge garbage is cheap to reject.
constexpr std::size_t MAX_TOKEN = 40;

std::string feedback_dir;

std::string format(const char* fmt, va_list args) {
    char buffer[1024];
    std::vsnprintf(buffer, sizeof buffer, fmt, args);
    return buffer;
}

[[noreturn]] void judge_error(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::cerr << "judge error: " << format(fmt, args) << '\n';
    va_end(args);
    std::exit(EXIT_JUDGE_ERROR);
}

[[noreturn]] void reject(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::string message = format(fmt, args);
    va_end(args);
    // std::exit skips destructors, so the file is closed (and flushed) explicitly.
    std::ofstream out(feedback_dir + "judgemessage.txt");
    out << message << '\n';
    out.close();
    if (out.fail()) std::cerr << "could not write judgemessage.txt; the message was: " << message << '\n';
    std::exit(EXIT_REJECT);
}

// Shows a token of the team's output safely: printable ASCII as is, other bytes as \xNN, cut when long.
std::string show(const std::string& token, bool cut) {
    std::string shown;
    for (unsigned char c : token) {
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            shown += static_cast<char>(c);
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            shown += escaped;
        }
    }
    return "\"" + shown + (cut ? "...\"" : "\"");
}

// Reads the next whitespace-separated token from stdin into `token`; false at end of input.
// `cut` tells whether the token was longer than MAX_TOKEN (the rest of it is skipped).
bool next_token(std::string& token, bool& cut) {
    token.clear();
    cut = false;
    int c;
    while ((c = std::getchar()) != EOF && std::isspace(c)) {
    }
    if (c == EOF) return false;
    do {
        if (token.size() < MAX_TOKEN) token += static_cast<char>(c);
        else cut = true;
    } while ((c = std::getchar()) != EOF && !std::isspace(c));
    return true;
}

// Parses a decimal integer written canonically: an optional minus sign, then digits without leading zeros.
// At most 18 digits, so the value and the sum of two of them fit in a long long.
enum class Parse { ok, not_integer, too_large };

Parse parse_integer(const std::string& token, bool cut, long long& value) {
    std::size_t start = (!token.empty() && token[0] == '-') ? 1 : 0;
    std::size_t digits = token.size() - start;
    if (digits == 0) return Parse::not_integer;
    for (std::size_t i = start; i < token.size(); i++) {
        if (!std::isdigit(static_cast<unsigned char>(token[i]))) return Parse::not_integer;
    }
    if (cut) return Parse::too_large;
    if (digits > 1 && token[start] == '0') return Parse::not_integer;
    if (digits > 18) return Parse::too_large;
    value = std::stoll(token);
    return Parse::ok;
}

long long read_number(const char* name) {
    std::string token;
    bool cut;
    if (!next_token(token, cut)) {
        reject("expected two integers x and y, but the output ended before %s", name);
    }
    long long value = 0;
    switch (parse_integer(token, cut, value)) {
        case Parse::not_integer:
            reject("%s is not an integer: %s", name, show(token, cut).c_str());
        case Parse::too_large:
            reject("%s is out of range: %s", name, show(token, cut).c_str());
        case Parse::ok:
            break;
    }
    return value;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) judge_error("usage: %s input_file answer_file feedback_dir [flags] < team_output", argv[0]);
    feedback_dir = argv[3];
    if (!feedback_dir.empty() && feedback_dir.back() != '/') feedback_dir += '/';

    std::ifstream input(argv[1]);
    long long n = 0;
    if (!input || !(input >> n)) judge_error("could not read n from the input file %s", argv[1]);
    if (n < 2 || n > 1000000000) judge_error("n = %lld in the input file is out of range", n);

    long long x = read_number("x");
    long long y = read_number("y");

    std::string extra;
    bool cut;
    if (next_token(extra, cut)) reject("trailing output after x and y: %s", show(extra, cut).c_str());

    if (x < 1) reject("x = %lld is not a positive integer", x);
    if (y < 1) reject("y = %lld is not a positive integer", y);
    if (x + y != n) reject("x + y = %lld, expected %lld", x + y, n);
    if (x == y && n != 2) reject("x = y = %lld, but x and y must differ when n = %lld", x, n);
    return EXIT_ACCEPT;
}
