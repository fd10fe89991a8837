// gen <max> <seed>: one number below max.
#include <cstdio>
#include <cstdlib>

int main(int argc, char* argv[]) {
    std::srand(static_cast<unsigned>(std::atoi(argv[2])));
    std::printf("%d\n", std::rand() % std::atoi(argv[1]));
}
