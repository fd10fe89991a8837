// Compile error: assigns a std::string to a long long, a type error that no conversion can fix.
#include <iostream>
#include <string>

int main() {
    long long a, b;
    std::cin >> a >> b;
    std::string label = "sum";
    long long sum = label;
    std::cout << sum + a + b << '\n';
    return 0;
}
