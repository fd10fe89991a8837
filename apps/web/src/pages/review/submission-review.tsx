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
import { formatDate } from '../../components/format';
import { SourceLines, splitLines } from './source-lines';

/** A teacher's manual score, beside the judge's (which it never replaces). */
export function AdjustmentNote({ adjustment }: { adjustment: ScoreAdjustmentView }) {
  return (
    <span className="adjustment" data-testid="adjustment">
      <span className="marker marker-adjusted">adjusted</span> <strong>{adjustment.points} / 100</strong> by{' '}
      {adjustment.by.username}: <span className="adjustment-reason">{adjustment.reason}</span>
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
  return (
    <div className="comment" data-testid="comment">
      <div className="comment-head">
        <strong>{comment.author.username}</strong>{' '}
        <span className="muted">
          {comment.line !== null ? `line ${comment.line} · ` : ''}
          {formatDate(comment.createdAt)}
        </span>
        {onDelete && (
          <button
            type="button"
            className="button-small button-danger"
            disabled={deleting}
            aria-label={`Delete comment by ${comment.author.username}`}
            onClick={onDelete}
          >
            Delete
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
        <div className="comments-general" aria-label="Comments on the whole submission">
          {general.map(item)}
        </div>
      )}
      <SourceLines
        lines={lines}
        label="Submitted source"
        mode={mode}
        above={(n) => (starts.has(n) ? <span className="file-name">{starts.get(n)}</span> : null)}
        below={(n) => {
          const here = byLine.get(n);
          return here ? <div className="line-comments">{here.map(item)}</div> : null;
        }}
        onLineClick={canReview ? (n) => setLine(String(n)) : undefined}
        selected={chosen}
      />
      <ErrorMessage error={remove.error} title="Not deleted" />
      {canReview && (
        <form className="form comment-form" onSubmit={submit} aria-label="Add a comment">
          <div className="row">
            <label className="field field-inline">
              <span>Line</span>
              <input
                type="number"
                min={1}
                max={lines.length}
                value={line}
                placeholder="all"
                onChange={(e) => setLine(e.target.value)}
                className="line-input"
              />
            </label>
            <span className="hint">Click a line number to choose it; leave empty for the whole submission.</span>
          </div>
          <label className="field">
            <span>Comment</span>
            <textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} required />
          </label>
          <ErrorMessage error={add.error} title="Not added" />
          <div>
            <button type="submit" className="button-primary" disabled={add.isPending}>
              {add.isPending ? 'Adding…' : chosen ? `Add comment on line ${chosen}` : 'Add comment'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

/** A teacher's manual score with a reason: kept beside the judge's score and counted in the grades. */
export function AdjustScoreForm({ submission }: { submission: SubmissionView }) {
  const adjust = useAdjustScore(submission);
  const [points, setPoints] = useState(() => String(submission.adjustment?.points ?? ''));
  const [reason, setReason] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    adjust.mutate({ points: Number(points), reason: reason.trim() }, { onSuccess: () => setReason('') });
  };

  return (
    <section className="card" aria-labelledby="adjust-heading">
      <h2 id="adjust-heading">Adjust the score</h2>
      <form className="form" onSubmit={submit} aria-label="Adjust the score">
        <div className="row">
          <label className="field field-inline">
            <span>Points (0–100)</span>
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
          <span>Reason</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} required />
        </label>
        <ErrorMessage error={adjust.error} title="Not adjusted" />
        {adjust.isSuccess && (
          <p role="status" className="muted">
            Adjustment saved.
          </p>
        )}
        <div>
          <button type="submit" disabled={adjust.isPending}>
            {adjust.isPending ? 'Saving…' : 'Save adjustment'}
          </button>
        </div>
      </form>
    </section>
  );
}
