#include <bits/stdc++.h>
using namespace std;

struct Item
{
    string token;
    int times;
};

int main()
{
    string all((istreambuf_iterator<char>(cin)), istreambuf_iterator<char>());
    for (char &c : all)
        c = isalpha(static_cast<unsigned char>(c))
                ? tolower(static_cast<unsigned char>(c))
                : ' ';
    stringstream stream(all);
    unordered_map<string, int> table;
    string t;
    while (stream >> t)
        ++table[t];
    vector<Item> items;
    items.reserve(table.size());
    for (const auto &[k, v] : table)
        items.push_back(Item{k, v});
    // order: most frequent first, then alphabetical
    sort(items.begin(), items.end(), [](const Item &p, const Item &q)
    {
        if (p.times != q.times)
            return p.times > q.times;
        return p.token < q.token;
    });
    for (const Item &it : items)
        printf("%s %d\n", it.token.c_str(), it.times);
}
