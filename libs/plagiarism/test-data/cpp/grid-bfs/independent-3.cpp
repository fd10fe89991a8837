#include <cstdio>
#include <cstring>

static char g[1005][1005];
static int distv[1005 * 1005];
static int qbuf[1005 * 1005];

int main() {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 1;
    for (int i = 0; i < n; i++) scanf("%s", g[i]);
    int start = -1, goal = -1;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            if (g[i][j] == 'S') start = i * m + j;
            else if (g[i][j] == 'E') goal = i * m + j;
        }
    memset(distv, -1, sizeof(int) * n * m);
    int head = 0, tail = 0;
    qbuf[tail++] = start;
    distv[start] = 0;
    while (head < tail) {
        int cur = qbuf[head++];
        if (cur == goal) break;
        int i = cur / m, j = cur % m;
        int ni[4] = {i - 1, i + 1, i, i};
        int nj[4] = {j, j, j - 1, j + 1};
        for (int k = 0; k < 4; k++) {
            if (ni[k] < 0 || ni[k] >= n || nj[k] < 0 || nj[k] >= m) continue;
            int nxt = ni[k] * m + nj[k];
            if (g[ni[k]][nj[k]] == '#' || distv[nxt] >= 0) continue;
            distv[nxt] = distv[cur] + 1;
            qbuf[tail++] = nxt;
        }
    }
    printf("%d\n", distv[goal]);
    return 0;
}
