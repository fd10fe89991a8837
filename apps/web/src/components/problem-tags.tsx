import { useT } from '../i18n/i18n-provider';

/** A problem's tags (its package's keywords); with `onPick`, each is a button that searches for it. */
export function ProblemTags({ tags, onPick }: { tags: string[] | undefined; onPick?: (tag: string) => void }) {
  const t = useT();
  if (!tags || tags.length === 0) return null;
  return (
    <ul className="problem-tags" aria-label={t('problem.tags')}>
      {tags.map((tag) => (
        <li key={tag}>
          {onPick ? (
            <button type="button" className="tag" title={t('problem.tagSearch', { tag })} onClick={() => onPick(tag)}>
              {tag}
            </button>
          ) : (
            <span className="tag">{tag}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
