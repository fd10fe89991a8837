import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A package laid out as `relative/path: content`; `{ symlink }` makes a symbolic link with that target. */
export type Tree = Record<string, string | Buffer | { symlink: string }>;

export async function writeTree(root: string, tree: Tree): Promise<void> {
  for (const [rel, content] of Object.entries(tree)) {
    const target = path.join(root, rel);
    await mkdir(path.dirname(target), { recursive: true });
    if (typeof content === 'object' && 'symlink' in content) await symlink(content.symlink, target);
    else await writeFile(target, content);
  }
}

/** A legacy package that loads: one sample, one secret test, one accepted submission. */
export const MINIMAL: Tree = {
  'problem.yaml': 'name: Hello World\n',
  'data/sample/1.in': '1 2\n',
  'data/sample/1.ans': '3\n',
  'data/secret/1.in': '5 6\n',
  'data/secret/1.ans': '11\n',
  'submissions/accepted/sol.py': 'print(sum(map(int, input().split())))\n',
};

/** Temporary folders for one test file, removed by `cleanup()` (call it in afterEach). */
export class TempDirs {
  private readonly dirs: string[] = [];

  async make(prefix = 'pkg-test-'): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** Writes `tree` to a new folder named `name` inside a fresh temporary folder and returns its path. */
  async package(tree: Tree, name = 'hello'): Promise<string> {
    const root = path.join(await this.make(), name);
    await mkdir(root);
    await writeTree(root, tree);
    return root;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
