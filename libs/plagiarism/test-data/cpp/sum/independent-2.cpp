#include <bits/stdc++.h>

int main() {
    std::ios::sync_with_stdio(false);
    std::size_t count;
    std::cin >> count;
    std::vector<long long> values(count);
    for (auto &v : values) std::cin >> v;
    std::cout << std::accumulate(values.begin(), values.end(), 0LL) << '\n';
}
