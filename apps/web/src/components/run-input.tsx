import type { ProblemDetail } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';

/**
 * Run's keys, as `aria-keyshortcuts` names them: Ctrl+' (Cmd+' on a Mac), LeetCode's key for running on custom
 * input, beside Ctrl+Enter for Submit as there.
 */
export const RUN_SHORTCUT = "Control+' Meta+'";

/** The standard input a run gets: a plain text box, kept as typed (a final newline matters to many programs). */
export function RunInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useT();
  return (
    <label className="field run-input">
      <span>{t('run.input')}</span>
      <textarea
        value={value}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={false}
        rows={Math.min(8, Math.max(3, value.split('\n').length))}
        aria-keyshortcuts={RUN_SHORTCUT}
      />
    </label>
  );
}

/**
 * What the Run box of a problem starts with: its first sample's input (empty without samples). Undefined, so no
 * Run, inside a contest or an assignment (`within`) that switched runs off.
 */
export function runInputOf(problem: ProblemDetail, within?: { runsEnabled: boolean }): string | undefined {
  if (within?.runsEnabled === false) return undefined;
  return problem.samples[0]?.input ?? '';
}
