import { FEEDBACK_LABELS, FEEDBACK_LEVELS, isFeedbackLevel, type FeedbackLevel } from '@judge/contract';

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
  return (
    <label className="field">
      <span>Feedback to participants</span>
      <select
        value={value ?? ''}
        onChange={(e) => onChange(isFeedbackLevel(e.target.value) ? e.target.value : null)}
        data-testid="feedback-level"
      >
        {inherit !== undefined && <option value="">{inherit}</option>}
        {FEEDBACK_LEVELS.map((level) => (
          <option key={level} value={level}>
            {FEEDBACK_LABELS[level]}
          </option>
        ))}
      </select>
    </label>
  );
}
