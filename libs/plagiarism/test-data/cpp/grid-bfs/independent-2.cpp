#include <bits/stdc++.h>
using namespace std;

struct Cell { int r, c; };

class Maze {
public:
    explicit Maze(vector<string> rows) : cells_(std::move(rows)) {}

    Cell find(char what) const {
        for (size_t r = 0; r < cells_.size(); ++r) {
            size_t c = cells_[r].find(what);
            if (c != string::npos) return {int(r), int(c)};
        }
        return {-1, -1};
    }

    bool open(int r, int c) const {
        return r >= 0 && c >= 0 && r < int(cells_.size()) && c < int(cells_[r].size()) && cells_[r][c] != '#';
    }

    // Breadth-first, one layer of equally distant cells at a time.
    int shortest(Cell from, Cell to) const {
        vector<vector<bool>> seen(cells_.size(), vector<bool>(cells_[0].size(), false));
        vector<Cell> frontier{from};
        seen[from.r][from.c] = true;
        for (int steps = 0; !frontier.empty(); ++steps) {
            vector<Cell> next;
            for (const Cell &cell : frontier) {
                if (cell.r == to.r && cell.c == to.c) return steps;
                static const int moves[4][2] = {{0, 1}, {1, 0}, {0, -1}, {-1, 0}};
                for (const auto &m : moves) {
                    int r = cell.r + m[0], c = cell.c + m[1];
                    if (open(r, c) && !seen[r][c]) {
                        seen[r][c] = true;
                        next.push_back({r, c});
                    }
                }
            }
            frontier.swap(next);
        }
        return -1;
    }

private:
    vector<string> cells_;
};

int main() {
    int h, w;
    if (!(cin >> h >> w)) return 0;
    vector<string> rows(h);
    for (int i = 0; i < h; ++i) cin >> rows[i];
    Maze maze(rows);
    cout << maze.shortest(maze.find('S'), maze.find('E')) << '\n';
}
