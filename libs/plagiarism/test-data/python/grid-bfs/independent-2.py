import sys


def neighbours(cell, walls, height, width):
    y, x = cell
    candidates = [(y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)]
    return [(a, b) for a, b in candidates if 0 <= a < height and 0 <= b < width and (a, b) not in walls]


def solve(lines):
    height, width = map(int, lines[0].split())
    board = lines[1 : 1 + height]
    walls = set()
    source = target = None
    for y, row in enumerate(board):
        for x, ch in enumerate(row):
            if ch == "#":
                walls.add((y, x))
            elif ch == "S":
                source = (y, x)
            elif ch == "E":
                target = (y, x)
    seen = {source}
    layer = [source]
    steps = 0
    while layer:
        if target in layer:
            return steps
        upcoming = []
        for cell in layer:
            for nxt in neighbours(cell, walls, height, width):
                if nxt not in seen:
                    seen.add(nxt)
                    upcoming.append(nxt)
        layer = upcoming
        steps += 1
    return -1


print(solve(sys.stdin.read().split("\n")))
