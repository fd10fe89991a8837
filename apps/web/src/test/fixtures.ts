import type { LanguageView, ProblemDetail } from '@judge/contract';

export const PROBLEM_ID = 'cccccccc-cccc-cccc-cccc-cccccccccccc';

export function problemDetail(overrides: Partial<ProblemDetail> = {}): ProblemDetail {
  return {
    id: PROBLEM_ID,
    slug: 'squares',
    title: 'Squares',
    version: 3,
    type: 'pass-fail',
    timeLimitMs: 2000,
    memoryMb: 256,
    statement:
      '# Squares\n\nPrint $x^2$ for the given **integer** $x$.\n\n$$\\sum_{i=1}^{n} i$$\n\n## Input\n\nOne integer.\n',
    interactive: false,
    limits: { timeLimitMs: 2000, memoryMb: 256, outputMb: 8 },
    samples: [{ name: 'sample/1', input: '3\n', answer: '9\n' }],
    testCount: 4,
    languages: ['cpp', 'python'],
    ...overrides,
  };
}

export const LANGUAGES: LanguageView[] = [
  { id: 'cpp', name: 'C++ (GCC, C++20)', extensions: ['cpp', 'cc'] },
  { id: 'python', name: 'Python 3', extensions: ['py'] },
];
