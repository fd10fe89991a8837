import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { ContestProblemView } from '@judge/contract';
import { isUuid } from '../common/uuid';
import { shownTimeLimit } from './package-time-limits';
import { ProblemsService } from './problems.service';

/*
 * Labelled problem sets: a contest's or an assignment's problems, each under a label (A, B, ...). Each keeps
 * its own rows (contest_problems, assignment_problems); what they share about them is here.
 */

/** One entry of a problem set. */
export interface LabelledRef {
  label: string;
  problemId: string;
}

/** An entry with what contest and assignment pages show of its problem. */
export type LabelledProblem = Omit<ContestProblemView, 'solved' | 'attempted'>;

/** The entries of a problem set in a request body; each kind of set has its own form of label. */
export function labelledProblemsSchema(label: z.ZodType<string>) {
  return z.array(z.object({ problemId: z.string().uuid(), label }));
}

/** What a problem set lists twice, if anything: a label (checked first) or a problem. */
export function repeatedIn(set: readonly LabelledRef[]): 'label' | 'problem' | null {
  if (new Set(set.map((p) => p.label)).size !== set.length) return 'label';
  if (new Set(set.map((p) => p.problemId)).size !== set.length) return 'problem';
  return null;
}

/** The entry a request names by its label, else by its problem's id; `find` looks within the one set. */
export async function findByRef<T>(
  ref: string,
  find: (match: { label: string } | { problemId: string }) => Promise<T | null>,
): Promise<T | null> {
  return (await find({ label: ref })) ?? (isUuid(ref) ? await find({ problemId: ref }) : null);
}

@Injectable()
export class ProblemSets {
  constructor(private readonly problems: ProblemsService) {}

  /** The first entry whose problem does not exist (its id already checked to be a uuid). */
  async firstMissing(set: readonly LabelledRef[]): Promise<LabelledRef | undefined> {
    const found = await this.problems.titles(set.map((p) => p.problemId));
    return set.find((p) => !found.has(p.problemId));
  }

  /** Each entry with its problem's title, type and limits (of the current version), in the set's order. */
  describe(set: readonly LabelledRef[]): Promise<LabelledProblem[]> {
    return Promise.all(
      set.map(async ({ label, problemId }) => {
        const problem = await this.problems.find(problemId);
        const version = await this.problems.currentVersion(problem);
        return {
          label,
          problemId,
          title: problem.title,
          type: version.summary.type,
          ...shownTimeLimit(version),
          memoryMb: version.summary.memoryMb,
        };
      }),
    );
  }
}
