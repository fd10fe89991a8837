// Never answers: spins until it is stopped.
int main() {
    volatile unsigned long long counter = 0;
    for (;;) counter++;
}
