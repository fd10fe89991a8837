import type { ProblemVisibilityState } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';

/** Marks a draft problem: seen only by staff, and by participants of the contests and assignments that hold it. */
export function DraftBadge({ visibility }: { visibility: ProblemVisibilityState }) {
  const t = useT();
  if (visibility !== 'draft') return null;
  return (
    <span className="badge problem-draft" title={t('problem.draftHint')}>
      {t('problem.draft')}
    </span>
  );
}
