import { useState, type FormEvent } from 'react';
import type { ClarificationView, ContestView } from '@judge/contract';
import { useAnnounce, useAnswerClarification, useAskClarification, useClarifications } from '../../api/contests';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate } from '../../components/format';
import { useContestContext } from './contest-layout';

function AskForm({ contest }: { contest: ContestView }) {
  const ask = useAskClarification(contest.id);
  const [label, setLabel] = useState('');
  const [question, setQuestion] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!question.trim()) return;
    ask.mutate({ problemLabel: label || undefined, question: question.trim() }, { onSuccess: () => setQuestion('') });
  };

  return (
    <form className="card form" aria-label="Ask a question" onSubmit={submit}>
      <h3>Ask the judges</h3>
      <label className="field field-inline">
        <span>About</span>
        <select value={label} onChange={(e) => setLabel(e.target.value)}>
          <option value="">The contest in general</option>
          {contest.problems.map((p) => (
            <option key={p.label} value={p.label}>
              {p.label}. {p.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Question</span>
        <textarea rows={3} value={question} onChange={(e) => setQuestion(e.target.value)} required />
      </label>
      <ErrorMessage error={ask.error} title="Not sent" />
      <div>
        <button type="submit" className="button-primary" disabled={ask.isPending || !question.trim()}>
          {ask.isPending ? 'Sending…' : 'Ask'}
        </button>
      </div>
    </form>
  );
}

function AnnounceForm({ contest }: { contest: ContestView }) {
  const announce = useAnnounce(contest.id);
  const [text, setText] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    announce.mutate(text.trim(), { onSuccess: () => setText('') });
  };

  return (
    <form className="card form" aria-label="Post an announcement" onSubmit={submit}>
      <h3>Announce to everyone</h3>
      <label className="field">
        <span>Announcement</span>
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} required />
      </label>
      <ErrorMessage error={announce.error} title="Not posted" />
      <div>
        <button type="submit" className="button-primary" disabled={announce.isPending || !text.trim()}>
          {announce.isPending ? 'Posting…' : 'Post announcement'}
        </button>
      </div>
    </form>
  );
}

/** A judge's answer: to the asker only, or to everyone. */
function AnswerForm({ contest, clarification }: { contest: ContestView; clarification: ClarificationView }) {
  const answer = useAnswerClarification(contest.id);
  const [text, setText] = useState('');
  const [everyone, setEveryone] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    answer.mutate({ clarificationId: clarification.id, answer: text.trim(), public: everyone });
  };

  return (
    <form className="form answer-form" aria-label="Answer the question" onSubmit={submit}>
      <label className="field">
        <span>Answer</span>
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} required />
      </label>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} />
          Show to every participant
        </label>
        <button type="submit" className="button-primary" disabled={answer.isPending || !text.trim()}>
          {answer.isPending ? 'Answering…' : 'Answer'}
        </button>
      </div>
      <ErrorMessage error={answer.error} title="Not answered" />
    </form>
  );
}

function ClarificationItem({ contest, item }: { contest: ContestView; item: ClarificationView }) {
  const about = item.problemLabel ? `Problem ${item.problemLabel}` : 'General';
  if (item.kind === 'announcement')
    return (
      <li className="clarification announcement" data-testid="clarification">
        <div className="clarification-head">
          <span className="badge clar-announcement">Announcement</span>
          {item.problemLabel && <span>{about}</span>}
          <span className="muted">{formatDate(item.createdAt)}</span>
        </div>
        <p className="clarification-text">{item.answer ?? item.question}</p>
      </li>
    );
  return (
    <li className="clarification" data-testid="clarification">
      <div className="clarification-head">
        <span className="badge clar-question">Question</span>
        <span>{about}</span>
        {item.askedBy && <span className="muted">from {item.askedBy.username}</span>}
        <span className="muted">{formatDate(item.createdAt)}</span>
        {item.answer !== null && (
          <span className="badge clar-visibility">{item.public ? 'Answered to everyone' : 'Answered privately'}</span>
        )}
      </div>
      <p className="clarification-text">{item.question}</p>
      {item.answer !== null ? (
        <div className="clarification-answer">
          <strong>Answer: </strong>
          <span className="clarification-text">{item.answer}</span>
        </div>
      ) : contest.canManage ? (
        <AnswerForm contest={contest} clarification={item} />
      ) : (
        <p className="muted">Not answered yet.</p>
      )}
    </li>
  );
}

/**
 * Questions to the judges and their answers, with the judges' announcements. Contestants see their own questions
 * and those answered to everyone; judges see all, answer and announce.
 */
export function ClarificationsPage() {
  const { contest } = useContestContext();
  const live = contest.phase === 'running' || contest.phase === 'frozen';
  const clarifications = useClarifications(contest.id, live);
  const items = [...(clarifications.data ?? [])].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  // Judges see the questions still waiting first.
  if (contest.canManage) items.sort((a, b) => Number(a.answer !== null) - Number(b.answer !== null));
  const mayAsk = !contest.canManage && contest.registered && live;

  return (
    <section aria-label="Clarifications" className="clarifications">
      <h2>Clarifications</h2>
      {contest.canManage && <AnnounceForm contest={contest} />}
      {mayAsk && <AskForm contest={contest} />}
      {clarifications.isPending && <Loading what="Loading clarifications" />}
      <ErrorMessage error={clarifications.error} title="Could not load the clarifications" />
      {clarifications.data && items.length === 0 && <EmptyState>No questions or announcements yet.</EmptyState>}
      {items.length > 0 && (
        <ul className="clarification-list">
          {items.map((item) => (
            <ClarificationItem key={item.id} contest={contest} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
