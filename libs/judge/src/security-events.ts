import type { SecurityEvent } from '@judge/contract';
import type { RunResult } from '@judge/sandbox';

/**
 * The security events of one judgement (see security-events.ts in the contract): what the submission's own runs
 * did that probes the sandbox, its compilation (test null) and each run on a test, as the engine saw them, one
 * event per kind and run. Validators, checkers and interactors are the problem's programs: their runs are not
 * the submitter's doing and are left out.
 */
export class SecurityEventLog {
  private readonly events: SecurityEvent[] = [];

  /** The events of one run of the submission, on `test` (its name below `data/`), or null when compiling. */
  add(run: Pick<RunResult, 'events'>, test: string | null): void {
    for (const event of run.events ?? [])
      this.events.push({ kind: event.kind, test, detail: event.detail, count: event.count });
  }

  /** For JudgeResult.securityEvents: absent when nothing happened. */
  result(): { securityEvents?: SecurityEvent[] } {
    return this.events.length > 0 ? { securityEvents: [...this.events] } : {};
  }
}
