/* Run-time error: asks one question, reads the reply and then exits with status 1 (a non-zero exit status is a run-time error). */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    printf("? %d\n", 500000000);
    fflush(stdout);
    char reply[8];
    if (scanf("%7s", reply) != 1) return 1;
    exit(1);
}
