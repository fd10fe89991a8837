import sys

data = sys.stdin.read().split()
R, C = int(data[0]), int(data[1])
cells = "".join(data[2 : 2 + R])
INF = -1
distance = [INF] * (R * C)
s = cells.index("S")
e = cells.index("E")
distance[s] = 0
todo = [s]
head = 0
while head < len(todo):
    at = todo[head]
    head += 1
    r, c = divmod(at, C)
    steps = []
    if r > 0:
        steps.append(at - C)
    if r < R - 1:
        steps.append(at + C)
    if c > 0:
        steps.append(at - 1)
    if c < C - 1:
        steps.append(at + 1)
    for to in steps:
        if cells[to] != "#" and distance[to] == INF:
            distance[to] = distance[at] + 1
            todo.append(to)
print(distance[e])
