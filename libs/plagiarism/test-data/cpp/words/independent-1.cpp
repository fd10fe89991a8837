#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <string>
#include <vector>
using namespace std;

int main() {
    map<string, int> freq;
    string current;
    char c;
    while (cin.get(c)) {
        if (isalpha((unsigned char)c)) {
            current += (char)tolower((unsigned char)c);
        } else if (!current.empty()) {
            freq[current]++;
            current.clear();
        }
    }
    if (!current.empty()) freq[current]++;
    vector<pair<int, string>> order;
    for (auto &entry : freq) order.push_back({-entry.second, entry.first});
    sort(order.begin(), order.end());
    for (auto &p : order) cout << p.second << " " << -p.first << "\n";
    return 0;
}
