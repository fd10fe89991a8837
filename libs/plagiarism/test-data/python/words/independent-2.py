import sys


def split_words(text):
    """Maximal runs of letters, lowercased."""
    current = []
    for ch in text:
        if ch.isalpha():
            current.append(ch.lower())
        elif current:
            yield "".join(current)
            current = []
    if current:
        yield "".join(current)


def main():
    freq = {}
    for w in split_words(sys.stdin.read()):
        freq[w] = freq.get(w, 0) + 1
    ranked = sorted(freq, key=lambda w: (-freq[w], w))
    out = []
    for w in ranked:
        out.append(f"{w} {freq[w]}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
