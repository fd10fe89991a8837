// Interactor for "Guess the Number" (Kattis interactive output validator protocol, C++17, standard library only).
//
// Usage: interactor input_file answer_file feedback_dir [flags] < submission_output > submission_input
//
// The input file holds the secret number x (1 <= x <= 10^9). The submission asks "? y" and gets "<" (x < y),
// ">" (x > y) or "=" (x = y); it may ask at most 30 questions and must then print "! x" and exit. Every reply
// is flushed at once. Exit codes: 42 accepted, 43 rejected (reason in feedback_dir/judgemessage.txt), 1 when
// the validator itself fails (bad input file). Messages never reveal the secret number.
#include <cctype>
#include <csignal>
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
constexpr long long MAX_VALUE = 1000000000;
constexpr int MAX_QUERIES = 30;
constexpr std::size_t MAX_TOKEN = 40;

std::string feedback_dir;

std::string format(const char* fmt, va_list args) {
    char buffer[1024];
    std::vsnprintf(buffer, sizeof buffer, fmt, args);
    return buffer;
}

void write_judge_message(const std::string& message) {
    // Closed explicitly: std::exit skips destructors, which would lose the buffered text.
    std::ofstream out(feedback_dir + "judgemessage.txt");
    out << message << '\n';
    out.close();
    if (out.fail()) std::cerr << "could not write judgemessage.txt; the message was: " << message << '\n';
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
    write_judge_message(format(fmt, args));
    va_end(args);
    std::exit(EXIT_REJECT);
}

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

// Next whitespace-separated token of the submission's output; false at end of file. A token ends at the first
// whitespace byte, so a line "? 17\n" is complete as soon as its newline arrives.
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

// The number after "?" or "!": a canonical decimal integer between 1 and 10^9.
// `what` names the line in messages, e.g. "question 7" or "the answer".
long long read_number(const std::string& what) {
    std::string token;
    bool cut;
    if (!next_token(token, cut)) reject("%s: the output ended where a number was expected", what.c_str());
    bool digits = !token.empty() && !cut && token.size() <= 10 && token[0] != '0';
    for (unsigned char c : token) digits = digits && std::isdigit(c);
    if (!digits) {
        reject("%s: expected a number between 1 and %lld, got %s", what.c_str(), MAX_VALUE, show(token, cut).c_str());
    }
    long long value = std::stoll(token);
    if (value > MAX_VALUE) reject("%s: %lld is out of range [1, %lld]", what.c_str(), value, MAX_VALUE);
    return value;
}

}  // namespace

int main(int argc, char** argv) {
    // A submission that exits early closes our stdout; writing to it must fail quietly, not kill us.
    std::signal(SIGPIPE, SIG_IGN);
    if (argc < 4) judge_error("usage: %s input_file answer_file feedback_dir [flags]", argv[0]);
    feedback_dir = argv[3];
    if (!feedback_dir.empty() && feedback_dir.back() != '/') feedback_dir += '/';

    std::ifstream input(argv[1]);
    long long secret = 0;
    if (!input || !(input >> secret)) judge_error("could not read the secret number from %s", argv[1]);
    if (secret < 1 || secret > MAX_VALUE) judge_error("secret number %lld is out of range", secret);

    int queries = 0;
    for (;;) {
        std::string command;
        bool cut;
        if (!next_token(command, cut)) {
            reject("the submission's output ended without an answer \"! x\" (questions asked: %d)", queries);
        }
        if (command == "?") {
            queries++;
            if (queries > MAX_QUERIES) {
                reject("too many questions: question %d, at most %d are allowed", queries, MAX_QUERIES);
            }
            long long guess = read_number("question " + std::to_string(queries));
            const char* reply = secret < guess ? "<" : secret > guess ? ">" : "=";
            std::printf("%s\n", reply);
            std::fflush(stdout);
        } else if (command == "!") {
            long long answer = read_number("the answer");
            if (answer != secret) reject("wrong answer %lld (questions asked: %d)", answer, queries);
            std::string extra;
            if (next_token(extra, cut)) reject("unexpected output after the answer: %s", show(extra, cut).c_str());
            write_judge_message("correct answer (questions asked: " + std::to_string(queries) + ")");
            return EXIT_ACCEPT;
        } else {
            reject("expected \"? y\" or \"! x\", got %s", show(command, cut).c_str());
        }
    }
}
