from collections import deque

# read the maze
h, w = map(int, input().split())
maze = [input().strip() for _ in range(h)]
src = dst = None
for y in range(h):
    for x in range(w):
        if maze[y][x] == 'S':
            src = (y, x)
        elif maze[y][x] == 'E':
            dst = (y, x)

todo = deque([src])
steps = {src: 0}
visited_count = 0
while todo:
    y, x = todo.popleft()
    if (y, x) == dst: break
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        ny, nx = y + dy, x + dx
        if 0 <= ny < h and 0 <= nx < w \
                and maze[ny][nx] != '#' \
                and (ny, nx) not in steps:
            steps[(ny, nx)] = steps[(y, x)] + 1
            todo.append((ny, nx))
print(steps.get(dst, -1))
