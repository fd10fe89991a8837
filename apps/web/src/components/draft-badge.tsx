import type { ProblemVisibilityState } from '@judge/contract';

/** Marks a draft problem: seen only by staff, and by participants of the contests and assignments that hold it. */
export function DraftBadge({ visibility }: { visibility: ProblemVisibilityState }) {
  if (visibility !== 'draft') return null;
  return (
    <span className="badge problem-draft" title="A draft: only staff see it in practice until it is published">
      Draft
    </span>
  );
}
