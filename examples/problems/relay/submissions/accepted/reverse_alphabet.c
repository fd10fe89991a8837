/* Accepted: maps a to z, b to y, ..., m to n. No letter maps to itself, so the encoded word always differs, and the
   map is its own inverse, so the same code encodes and decodes. */
#include <stdio.h>

int main(void) {
    char mode[16], word[128];
    if (scanf("%15s %127s", mode, word) != 2) return 1;
    for (char *c = word; *c; c++) *c = (char)('a' + 'z' - *c);
    puts(word);
    return 0;
}
