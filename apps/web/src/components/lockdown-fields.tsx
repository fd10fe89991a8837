import { useT } from '../i18n/i18n-provider';

/** The allow-list as typed (one range a line; commas and spaces also part them), as the API takes it. */
export function networksOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((n) => n.trim())
    .filter(Boolean);
}

/**
 * Lock-down of a contest or an exam (docs/contests.md, docs/courses.md): the networks its participants may use the
 * judge from while it runs, and one session per account. The API checks the ranges and names a bad one.
 */
export function LockdownFields({
  subject,
  networks,
  oneSession,
  onNetworks,
  onOneSession,
}: {
  subject: 'contest' | 'exam';
  /** The textarea's text: one range a line. */
  networks: string;
  oneSession: boolean;
  onNetworks: (text: string) => void;
  onOneSession: (on: boolean) => void;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t('lockdown.legend')}</legend>
      <label className="field">
        <span>{t('lockdown.networks')}</span>
        <textarea
          rows={3}
          value={networks}
          placeholder={'10.1.0.0/16\n2001:db8:1::/48'}
          spellCheck={false}
          onChange={(e) => onNetworks(e.target.value)}
          aria-describedby={`${subject}-networks-hint`}
        />
      </label>
      <p className="hint" id={`${subject}-networks-hint`}>
        {t(subject === 'contest' ? 'lockdown.networksHint.contest' : 'lockdown.networksHint.exam')}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={oneSession}
          onChange={(e) => onOneSession(e.target.checked)}
          aria-describedby={`${subject}-one-session-hint`}
        />
        {t('lockdown.oneSession')}
      </label>
      <p className="hint" id={`${subject}-one-session-hint`}>
        {t('lockdown.oneSessionHint')}
      </p>
    </fieldset>
  );
}
