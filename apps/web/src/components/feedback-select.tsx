import { FEEDBACK_LEVELS, isFeedbackLevel, type FeedbackLevel } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';

/**
 * The feedback level of a problem, a contest or an assignment (docs/security-model.md): how much of a submission's
 * judgement its author sees. With `inherit`, an empty choice leaves it to the defaults, which `inherit` names.
 */
export function FeedbackSelect({
  value,
  onChange,
  inherit,
}: {
  value: FeedbackLevel | null;
  onChange: (level: FeedbackLevel | null) => void;
  inherit?: string;
}) {
  const t = useT();
  return (
    <label className="field">
      <span>{t('setter.feedback.label')}</span>
      <select
        value={value ?? ''}
        onChange={(e) => onChange(isFeedbackLevel(e.target.value) ? e.target.value : null)}
        data-testid="feedback-level"
      >
        {inherit !== undefined && <option value="">{inherit}</option>}
        {FEEDBACK_LEVELS.map((level) => (
          <option key={level} value={level}>
            {t(`setter.feedback.level.${level}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
