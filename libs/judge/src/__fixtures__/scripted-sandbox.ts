import type { Box, RunResult, RunSpec, SandboxEngine } from '@judge/sandbox';

/**
 * A sandbox that runs nothing: every run ends as `run` says for its spec, and the box's file operations succeed
 * and read nothing. For engine specs about what the judge makes of a run's ending.
 */
export function scriptedSandbox(run: (spec: RunSpec) => RunResult): SandboxEngine {
  const box: Partial<Box> = {
    id: 'fake',
    sandboxPath: '/box',
    uid: 1,
    writeFile: () => Promise.resolve(),
    readFile: () => Promise.resolve(null),
    makeDir: () => Promise.resolve(),
    clearDir: () => Promise.resolve(),
    removeFile: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
    run: (spec: RunSpec) => Promise.resolve(run(spec)),
  };
  return { createBox: () => Promise.resolve(box) } as unknown as SandboxEngine;
}
