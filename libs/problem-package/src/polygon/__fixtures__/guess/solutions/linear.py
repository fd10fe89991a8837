# Guesses 1, 2, 3, ...: the interactor accepts, but the checker finds too many guesses on tests 1 and 3.
import sys

n = int(sys.stdin.readline())
for y in range(1, n + 1):
    print("?", y, flush=True)
    if sys.stdin.readline().strip() == "=":
        break
