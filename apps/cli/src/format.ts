import Table from 'cli-table3';
import pc from 'picocolors';
import type { JudgeResult, TestCaseResult, Verdict } from '@judge/contract';
import { VERDICT_LABELS, resultState } from '@judge/contract';

/** cli-table3 colours on its own; picocolors (which honours NO_COLOR and pipes) does it instead. */
export const PLAIN = { head: [], border: [] };

export function colorVerdict(verdict: Verdict): string {
  switch (verdict) {
    case 'AC':
      return pc.green(verdict);
    case 'CE':
    case 'JE':
      return pc.magenta(verdict);
    case 'WA':
      return pc.red(verdict);
    default:
      return pc.yellow(verdict);
  }
}

/**
 * A whole result's verdict as people read it: an AC with some but not all of the points (contract's resultState)
 * is PARTIAL in yellow, any other result its verdict.
 */
export function colorResult(result: Pick<JudgeResult, 'verdict' | 'score' | 'maxScore'>): string {
  return resultState(result) === 'partial' ? pc.yellow('PARTIAL') : colorVerdict(result.verdict);
}

/** The last line of `judge run`: `verdict AC (Accepted)`, or `verdict PARTIAL (Partial)  score 30 / 100`. */
export function verdictLine(result: Pick<JudgeResult, 'verdict' | 'score' | 'maxScore'>): string {
  const score = result.maxScore !== null && result.maxScore !== 1 ? `  score ${result.score} / ${result.maxScore}` : '';
  const label = resultState(result) === 'partial' ? 'Partial' : VERDICT_LABELS[result.verdict];
  return `${pc.bold('verdict')} ${colorResult(result)} (${label})${score}`;
}

function oneLine(text: string, max = 70): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function testLine(result: TestCaseResult, index: number, total: number): string {
  const mark = result.verdict === 'AC' ? pc.green('✓') : pc.red('✗');
  const passes = result.passes === undefined ? '' : ` (${result.passes} ${result.passes === 1 ? 'pass' : 'passes'})`;
  return `${mark} [${index + 1}/${total}] ${result.name} ${colorVerdict(result.verdict)} ${result.timeMs} ms ${result.memoryKb} KiB${passes}`;
}

export function resultTable(result: JudgeResult): string {
  const lines: string[] = [];
  // No test ran (a compile error, a judge error before the first test): no table of nothing.
  if (result.tests.length > 0) {
    const table = new Table({
      head: ['test', 'group', 'verdict', 'time', 'memory', 'feedback'].map((h) => pc.bold(h)),
      style: PLAIN,
    });
    for (const t of result.tests) {
      table.push([
        t.name,
        t.group,
        colorVerdict(t.verdict),
        `${t.timeMs} ms`,
        `${t.memoryKb} KiB`,
        oneLine(t.feedback),
      ]);
    }
    lines.push(table.toString());
  }
  if (result.groups.length > 0 && result.maxScore !== null && result.maxScore !== 1) {
    const groups = new Table({ head: ['group', 'verdict', 'score', 'max'].map((h) => pc.bold(h)), style: PLAIN });
    for (const g of result.groups)
      groups.push([g.name, colorVerdict(g.verdict), String(g.score), String(g.maxScore ?? '')]);
    lines.push(groups.toString());
  }
  lines.push(verdictLine(result));
  if (result.verdict === 'CE' && result.compileOutput) lines.push(pc.dim(result.compileOutput));
  if (result.judgeError) lines.push(pc.magenta(`judge error: ${result.judgeError}`));
  return lines.join('\n');
}
