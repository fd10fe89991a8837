import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { resultState, type SubmissionView } from '@judge/contract';
import { useAssignment, useAssignmentSubmissions, useSubmissionSource } from '../../api/courses';
import { useEditorMode } from '../../api/hooks';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate, shortId } from '../../components/format';
import { useVerdictWords } from '../../components/verdict-badge';
import { useT } from '../../i18n/i18n-provider';
import { sideBySide, type DiffRow } from './side-by-side';
import { LineText, splitLines, useHighlightedLines } from './source-lines';

const MARKS: Record<DiffRow['kind'], [string, string]> = {
  same: ['', ''],
  removed: ['−', ''],
  added: ['', '+'],
  changed: ['~', '~'],
};

function DiffTable({ left, right }: { left: SubmissionView; right: SubmissionView }) {
  const t = useT();
  const rows = useMemo(() => sideBySide(left.source ?? '', right.source ?? ''), [left.source, right.source]);
  const leftLines = useMemo(() => splitLines(left.source ?? ''), [left.source]);
  const rightLines = useMemo(() => splitLines(right.source ?? ''), [right.source]);
  // Row line numbers are 1-based numbers of these same lines (sideBySide splits with splitLines).
  const leftMode = useEditorMode(left.language);
  const rightMode = useEditorMode(right.language);
  const leftSpans = useHighlightedLines(leftLines, leftMode);
  const rightSpans = useHighlightedLines(rightLines, rightMode);
  const count = (kind: DiffRow['kind']) => rows.filter((r) => r.kind === kind).length;
  if (rows.every((r) => r.kind === 'same')) return <EmptyState>{t('review.diff.same')}</EmptyState>;
  return (
    <>
      <p className="hint" role="status">
        {t('review.diff.counts', { added: count('added'), removed: count('removed'), changed: count('changed') })}
      </p>
      <div className="table-scroll diff-scroll">
        <table className="diff" aria-label={t('review.diff.differences')}>
          <thead>
            <tr>
              <th scope="col" colSpan={3}>
                {left.username ?? shortId(left.userId)} · {shortId(left.id)}
              </th>
              <th scope="col" colSpan={3}>
                {right.username ?? shortId(right.userId)} · {shortId(right.id)}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className={`diff-${row.kind}`} data-testid="diff-row" data-kind={row.kind}>
                <td className="line-no">{row.left?.line ?? ''}</td>
                <td className="diff-mark" aria-hidden="true">
                  {row.left ? MARKS[row.kind][0] : ''}
                </td>
                <td className={row.left ? 'line-code diff-left' : 'line-code diff-blank'}>
                  {row.left && <LineText text={row.left.text} spans={leftSpans?.[row.left.line - 1]} />}
                </td>
                <td className="line-no">{row.right?.line ?? ''}</td>
                <td className="diff-mark" aria-hidden="true">
                  {row.right ? MARKS[row.kind][1] : ''}
                </td>
                <td className={row.right ? 'line-code diff-right' : 'line-code diff-blank'}>
                  {row.right && <LineText text={row.right.text} spans={rightSpans?.[row.right.line - 1]} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Picker({
  name,
  value,
  options,
  labels,
  onChange,
}: {
  name: string;
  value: string;
  options: SubmissionView[];
  labels: Map<string, string>;
  onChange: (id: string) => void;
}) {
  const t = useT();
  const words = useVerdictWords();
  return (
    <label className="field">
      <span>{name}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('review.diff.choose')}</option>
        {options.map((s) => (
          <option key={s.id} value={s.id}>
            {s.username ?? shortId(s.userId)} · {labels.get(s.problemId) ?? s.problemTitle ?? ''} ·{' '}
            {formatDate(s.createdAt)} ·{' '}
            {s.verdict !== null &&
            s.score !== null &&
            s.maxScore !== null &&
            resultState({ verdict: s.verdict, score: s.score, maxScore: s.maxScore }) === 'partial'
              ? words.partial(s.score, s.maxScore)
              : s.verdict
                ? words.verdict(s.verdict)
                : words.status(s.status)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Two submissions of an assignment side by side (one student's two tries, or two students'). */
export function DiffPage() {
  const t = useT();
  const { courseId = '', assignmentId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const assignment = useAssignment(courseId, assignmentId);
  const submissions = useAssignmentSubmissions(courseId, assignmentId);
  const left = useSubmissionSource(a);
  const right = useSubmissionSource(b);
  const labels = new Map((assignment.data?.problems ?? []).map((p) => [p.problemId, p.label]));
  const options = submissions.data?.items ?? [];

  const choose = (key: 'a' | 'b', id: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (id) next.set(key, id);
      else next.delete(key);
      return next;
    });

  return (
    <div className="page diff-page">
      <p className="breadcrumb">
        <Link to={`/courses/${courseId}/assignments/${assignmentId}`}>
          {assignment.data?.title ?? t('review.backToAssignment')}
        </Link>
      </p>
      <h1>{t('review.diff.title')}</h1>
      <ErrorMessage error={submissions.error} title={t('submission.listError')} />
      <div className="row diff-pickers">
        <Picker
          name={t('review.diff.left')}
          value={a}
          options={options}
          labels={labels}
          onChange={(id) => choose('a', id)}
        />
        <Picker
          name={t('review.diff.right')}
          value={b}
          options={options}
          labels={labels}
          onChange={(id) => choose('b', id)}
        />
      </div>
      <ErrorMessage error={left.error} title={t('review.diff.leftSubmission')} />
      <ErrorMessage error={right.error} title={t('review.diff.rightSubmission')} />
      {(!a || !b) && <EmptyState>{t('review.diff.chooseTwo')}</EmptyState>}
      {a && b && (left.isPending || right.isPending) && <Loading what={t('review.diff.loading')} />}
      {left.data && right.data && (
        <>
          {(left.data.source === undefined || right.data.source === undefined) && (
            <div className="alert alert-error" role="alert">
              {t('review.diff.hidden')}
            </div>
          )}
          <DiffTable left={left.data} right={right.data} />
        </>
      )}
    </div>
  );
}
