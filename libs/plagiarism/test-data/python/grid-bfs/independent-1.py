from collections import deque

rows, cols = map(int, input().split())
grid = [input().strip() for _ in range(rows)]
start = end = None
for r in range(rows):
    for c in range(cols):
        if grid[r][c] == "S":
            start = (r, c)
        elif grid[r][c] == "E":
            end = (r, c)

dist = {start: 0}
queue = deque([start])
while queue:
    r, c = queue.popleft()
    if (r, c) == end:
        break
    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#" and (nr, nc) not in dist:
            dist[(nr, nc)] = dist[(r, c)] + 1
            queue.append((nr, nc))

print(dist.get(end, -1))
