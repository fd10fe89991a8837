/* Memory limit exceeded: allocates 1 GiB (4x the 256 MiB limit) in 4 MiB chunks, writes every byte and keeps every chunk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK ((size_t)4 << 20)
#define CHUNKS 256

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    static char *chunks[CHUNKS];
    long long checksum = 0;
    for (int i = 0; i < CHUNKS; i++) {
        chunks[i] = malloc(CHUNK);
        if (chunks[i] == NULL) abort(); /* only reached under an address-space limit */
        memset(chunks[i], i + 1, CHUNK);
        checksum += chunks[i][i];
    }
    printf("%lld\n", a + b + (checksum == -1));
    return 0;
}
