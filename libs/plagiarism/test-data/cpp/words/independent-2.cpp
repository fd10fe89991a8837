#include <bits/stdc++.h>
using namespace std;

struct Entry {
    string word;
    int count;
};

int main() {
    // Everything that is not a letter separates words.
    string text((istreambuf_iterator<char>(cin)), istreambuf_iterator<char>());
    for (char &ch : text) ch = isalpha(static_cast<unsigned char>(ch)) ? tolower(static_cast<unsigned char>(ch)) : ' ';
    unordered_map<string, int> counts;
    stringstream in(text);
    string w;
    while (in >> w) ++counts[w];
    vector<Entry> entries;
    entries.reserve(counts.size());
    for (const auto &[key, value] : counts) entries.push_back(Entry{key, value});
    sort(entries.begin(), entries.end(), [](const Entry &x, const Entry &y) {
        if (x.count != y.count) return x.count > y.count;
        return x.word < y.word;
    });
    for (const Entry &e : entries) printf("%s %d\n", e.word.c_str(), e.count);
}
