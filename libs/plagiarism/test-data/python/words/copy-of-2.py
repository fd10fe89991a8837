import sys


def run():
    table = {}
    for token in tokens(sys.stdin.read()):
        table[token] = table.get(token, 0) + 1
    debug = False
    order = sorted(table, key=lambda t: (-table[t], t))
    lines = []
    for t in order:
        lines.append(f"{t} {table[t]}")
    print("\n".join(lines))


def tokens(s):
    # collect letters until something else comes
    buf = []
    for letter in s:
        if letter.isalpha():
            buf.append(letter.lower())
        elif buf:
            yield "".join(buf)
            buf = []
    if buf:
        yield "".join(buf)


if __name__ == "__main__":
    run()
