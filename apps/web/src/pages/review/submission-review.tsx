import { useState, type FormEvent } from 'react';
import {
  submissionFileLines,
  type ScoreAdjustmentView,
  type SubmissionCommentView,
  type SubmissionView,
} from '@judge/contract';
import { useAddComment, useAdjustScore, useDeleteComment } from '../../api/courses';
import { useEditorMode } from '../../api/hooks';
import { useSession } from '../../auth/use-session';
import { ErrorMessage } from '../../components/error-message';
import { formatDate, formatNumber } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';
import { SourceLines, splitLines } from './source-lines';

/** A teacher's manual score, beside the judge's (which it never replaces). */
export function AdjustmentNote({ adjustment }: { adjustment: ScoreAdjustmentView }) {
  const t = useT();
  return (
    <span className="adjustment" data-testid="adjustment">
      <span className="marker marker-adjusted">{t('review.adjusted')}</span>{' '}
      <strong>{t('review.points', { points: formatNumber(adjustment.points, 2) })}</strong>{' '}
      {t('review.adjustedBy', { name: adjustment.by.username })}{' '}
      <span className="adjustment-reason">{adjustment.reason}</span>
    </span>
  );
}

function CommentItem({
  comment,
  onDelete,
  deleting,
}: {
  comment: SubmissionCommentView;
  onDelete?: () => void;
  deleting?: boolean;
}) {
  const t = useT();
  return (
    <div className="comment" data-testid="comment">
      <div className="comment-head">
        <strong>{comment.author.username}</strong>{' '}
        <span className="muted">
          {comment.line !== null ? `${t('review.line', { line: comment.line })} · ` : ''}
          {formatDate(comment.createdAt)}
        </span>
        {onDelete && (
          <button
            type="button"
            className="button-small button-danger"
            disabled={deleting}
            aria-label={t('review.deleteComment', { name: comment.author.username })}
            onClick={onDelete}
          >
            {t('review.delete')}
          </button>
        )}
      </div>
      <p className="comment-body">{comment.body}</p>
    </div>
  );
}

/**
 * The source with the teachers' comments under the lines they are about, and the general ones above. Reviewers
 * choose a line by its number (or type it) and write a comment.
 */
export function ReviewedSource({
  submission,
  comments,
  canReview,
}: {
  submission: SubmissionView;
  comments: SubmissionCommentView[];
  canReview: boolean;
}) {
  const t = useT();
  const user = useSession();
  const add = useAddComment(submission.id);
  const remove = useDeleteComment(submission.id);
  const [line, setLine] = useState('');
  const [body, setBody] = useState('');
  const lines = splitLines(submission.source ?? '');
  const mode = useEditorMode(submission.language);
  // Several files are listed as their joined text (what comments count lines in), each under its name.
  const files = submission.files ?? [];
  const starts = new Map(files.length > 1 ? submissionFileLines(files).map((f) => [f.firstLine, f.name] as const) : []);
  const byLine = new Map<number, SubmissionCommentView[]>();
  for (const c of comments) {
    if (c.line !== null) byLine.set(c.line, [...(byLine.get(c.line) ?? []), c]);
  }
  const general = comments.filter((c) => c.line === null || c.line > lines.length);
  const chosen = Number(line) || null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    add.mutate(
      { line: chosen ?? undefined, body: body.trim() },
      {
        onSuccess: () => {
          setBody('');
          setLine('');
        },
      },
    );
  };

  const item = (c: SubmissionCommentView) => (
    <CommentItem
      key={c.id}
      comment={c}
      deleting={remove.isPending}
      // The API lets a comment's author or an admin remove it.
      onDelete={
        canReview && (c.author.id === user?.id || user?.role === 'admin') ? () => remove.mutate(c.id) : undefined
      }
    />
  );

  return (
    <>
      {general.length > 0 && (
        <div className="comments-general" aria-label={t('review.generalComments')}>
          {general.map(item)}
        </div>
      )}
      <SourceLines
        lines={lines}
        label={t('submission.submittedSource')}
        mode={mode}
        above={(n) => (starts.has(n) ? <span className="file-name">{starts.get(n)}</span> : null)}
        below={(n) => {
          const here = byLine.get(n);
          return here ? <div className="line-comments">{here.map(item)}</div> : null;
        }}
        onLineClick={canReview ? (n) => setLine(String(n)) : undefined}
        selected={chosen}
      />
      <ErrorMessage error={remove.error} title={t('review.notDeleted')} />
      {canReview && (
        <form className="form comment-form" onSubmit={submit} aria-label={t('review.addComment')}>
          <div className="row">
            <label className="field field-inline">
              <span>{t('review.lineField')}</span>
              <input
                type="number"
                min={1}
                max={lines.length}
                value={line}
                placeholder={t('review.allLines')}
                onChange={(e) => setLine(e.target.value)}
                className="line-input"
              />
            </label>
            <span className="hint">{t('review.lineHint')}</span>
          </div>
          <label className="field">
            <span>{t('review.comment')}</span>
            <textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} required />
          </label>
          <ErrorMessage error={add.error} title={t('review.notAdded')} />
          <div>
            <button type="submit" className="button-primary" disabled={add.isPending}>
              {add.isPending
                ? t('review.adding')
                : chosen
                  ? t('review.addOnLine', { line: chosen })
                  : t('review.addComment')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

/** A teacher's manual score with a reason: kept beside the judge's score and counted in the grades. */
export function AdjustScoreForm({ submission }: { submission: SubmissionView }) {
  const t = useT();
  const adjust = useAdjustScore(submission);
  const [points, setPoints] = useState(() => String(submission.adjustment?.points ?? ''));
  const [reason, setReason] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    adjust.mutate({ points: Number(points), reason: reason.trim() }, { onSuccess: () => setReason('') });
  };

  return (
    <section className="card" aria-labelledby="adjust-heading">
      <h2 id="adjust-heading">{t('review.adjustScore')}</h2>
      <form className="form" onSubmit={submit} aria-label={t('review.adjustScore')}>
        <div className="row">
          <label className="field field-inline">
            <span>{t('review.pointsField')}</span>
            <input
              type="number"
              min={0}
              max={100}
              step="any"
              value={points}
              onChange={(e) => setPoints(e.target.value)}
              required
            />
          </label>
        </div>
        <label className="field">
          <span>{t('review.reason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} required />
        </label>
        <ErrorMessage error={adjust.error} title={t('review.notAdjusted')} />
        {adjust.isSuccess && (
          <p role="status" className="muted">
            {t('review.adjustmentSaved')}
          </p>
        )}
        <div>
          <button type="submit" disabled={adjust.isPending}>
            {adjust.isPending ? t('review.saving') : t('review.saveAdjustment')}
          </button>
        </div>
      </form>
    </section>
  );
}
