#include <cstdio>
#include <cstdlib>
#include <cstring>

const int MAXW = 100000;
char words[MAXW][64];
int counts[MAXW];
int order[MAXW];
int total = 0;

int findOrAdd(const char *w) {
    for (int i = 0; i < total; i++)
        if (strcmp(words[i], w) == 0) return i;
    strcpy(words[total], w);
    counts[total] = 0;
    return total++;
}

int compareEntries(const void *pa, const void *pb) {
    int a = *(const int *)pa, b = *(const int *)pb;
    if (counts[a] != counts[b]) return counts[b] - counts[a];
    return strcmp(words[a], words[b]);
}

int main() {
    char buf[64];
    int len = 0;
    int ch;
    do {
        ch = getchar();
        bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        if (letter && len < 63) {
            buf[len++] = (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch;
        } else if (!letter && len > 0) {
            buf[len] = '\0';
            counts[findOrAdd(buf)]++;
            len = 0;
        }
    } while (ch != EOF);
    for (int i = 0; i < total; i++) order[i] = i;
    qsort(order, total, sizeof(int), compareEntries);
    for (int i = 0; i < total; i++) printf("%s %d\n", words[order[i]], counts[order[i]]);
    return 0;
}
