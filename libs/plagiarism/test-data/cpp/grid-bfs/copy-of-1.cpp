#include <iostream>
#include <queue>
#include <string>
#include <vector>

using namespace std;

/*
 * Shortest path in a maze with BFS.
 */
int main()
{
    int H, W;
    cin >> H >> W;
    vector<string> maze(H);
    for (auto &row : maze)
        cin >> row;
    int startY = 0, startX = 0, goalY = 0, goalX = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
        {
            if (maze[y][x] == 'S') { startY = y; startX = x; }
            if (maze[y][x] == 'E') { goalY = y; goalX = x; }
        }
    const int moveY[4] = {1, -1, 0, 0};
    const int moveX[4] = {0, 0, 1, -1};
    vector<vector<int>> steps(H, vector<int>(W, -1));
    queue<pair<int, int>> todo;
    steps[startY][startX] = 0;
    todo.push({startY, startX});
    int visited = 0;
    while (!todo.empty())
    {
        auto [y, x] = todo.front();
        todo.pop();
        for (int dir = 0; dir < 4; dir++)
        {
            int ny = y + moveY[dir], nx = x + moveX[dir];
            // outside the maze?
            if (ny < 0 || ny >= H || nx < 0 || nx >= W)
                continue;
            if (maze[ny][nx] == '#' || steps[ny][nx] != -1)
                continue;
            steps[ny][nx] = steps[y][x] + 1;
            todo.push({ny, nx});
        }
    }
    cout << steps[goalY][goalX] << endl;
    return 0;
}
