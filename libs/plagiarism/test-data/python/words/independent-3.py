from collections import defaultdict
import string


class WordCounter:
    def __init__(self):
        self.table = defaultdict(int)

    def feed(self, line):
        cleaned = "".join(c.lower() if c in string.ascii_letters else " " for c in line)
        for token in cleaned.split():
            self.table[token] += 1

    def report(self):
        pairs = list(self.table.items())
        pairs.sort(key=lambda p: p[0])
        pairs.sort(key=lambda p: p[1], reverse=True)
        return pairs


counter = WordCounter()
while True:
    try:
        counter.feed(input())
    except EOFError:
        break
for name, n in counter.report():
    print(f"{name} {n}")
