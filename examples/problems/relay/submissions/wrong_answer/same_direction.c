/* Wrong answer only in the second pass: shifts forward in both passes, so decoding gives the word shifted by two. */
#include <stdio.h>

int main(void) {
    char mode[16], word[128];
    if (scanf("%15s %127s", mode, word) != 2) return 1;
    for (char *c = word; *c; c++) *c = (char)('a' + (*c - 'a' + 1) % 26);
    puts(word);
    return 0;
}
