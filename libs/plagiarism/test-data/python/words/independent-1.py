import re
import sys
from collections import Counter

words = re.findall(r"[a-z]+", sys.stdin.read().lower())
counts = Counter(words)
for word, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
    print(word, count)
