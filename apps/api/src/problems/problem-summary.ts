import { promises as fs } from 'node:fs';
import { extname } from 'node:path';
import { allTestCases, type ProblemPackage } from '@judge/problem-package';
import { needsDerivedTimeLimit } from '@judge/judge';
import type { ProblemSummary } from '../database/entities';

/** Samples are shown whole up to this size; longer ones are cut (the package keeps them whole). */
const SAMPLE_BYTES = 64 * 1024;

async function readCapped(path: string): Promise<string> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** What the API shows of a package: statement, samples and limits; never a secret test. */
export async function summarize(problem: ProblemPackage): Promise<ProblemSummary> {
  const tests = allTestCases(problem.data);
  const samples = await Promise.all(
    tests
      .filter((t) => t.sample)
      .map(async (t) => ({
        name: t.name,
        input: await readCapped(t.inputPath),
        answer: await readCapped(t.answerPath),
      })),
  );
  let statement: string | null = null;
  if (problem.statementPath) {
    statement = await fs.readFile(problem.statementPath, 'utf8');
    // LaTeX statements are shown as their source until a renderer exists; Markdown is shown as Markdown.
    if (extname(problem.statementPath) === '.tex') statement = `\`\`\`latex\n${statement}\n\`\`\``;
    if (extname(problem.statementPath) === '.html') statement = polygonHtmlStatement(statement);
  }
  return {
    title: problem.name,
    statement,
    type: problem.type,
    interactive: problem.interactive,
    submitAnswer: problem.submitAnswer,
    multiPass: problem.multiPass,
    timeLimitMs: problem.limits.timeLimitMs,
    derivesTimeLimit: needsDerivedTimeLimit(problem),
    keywords: problem.keywords ?? [],
    memoryMb: problem.limits.memoryMb,
    outputMb: problem.limits.outputMb,
    samples,
    testCount: tests.length,
  };
}

/**
 * Polygon's HTML statement (statements/.html/<language>/problem.html), shown when a package has no LaTeX one: its
 * body, which the web UI sanitises like any HTML in Markdown, with Polygon's MathJax delimiters (`$$$x$$$` inline,
 * `$$$$$$x$$$$$$` display) made the usual `$x$` and `$$x$$`.
 */
export function polygonHtmlStatement(html: string): string {
  const body = /<body[^>]*>([\s\S]*?)<\/body>/i.exec(html)?.[1] ?? html;
  return body
    .replace(/\${6}([\s\S]+?)\${6}/g, (_, math: string) => `$$${math}$$`)
    .replace(/\${3}([\s\S]+?)\${3}/g, (_, math: string) => `$${math}$`)
    .trim();
}
