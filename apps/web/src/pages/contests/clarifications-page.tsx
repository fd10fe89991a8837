import { useState, type FormEvent } from 'react';
import type { ClarificationView, ContestView } from '@judge/contract';
import { useAnnounce, useAnswerClarification, useAskClarification, useClarifications } from '../../api/contests';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';
import { useContestContext } from './contest-layout';

function AskForm({ contest }: { contest: ContestView }) {
  const t = useT();
  const ask = useAskClarification(contest.id);
  const [label, setLabel] = useState('');
  const [question, setQuestion] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!question.trim()) return;
    ask.mutate({ problemLabel: label || undefined, question: question.trim() }, { onSuccess: () => setQuestion('') });
  };

  return (
    <form className="card form" aria-label={t('contest.clar.askLabel')} onSubmit={submit}>
      <h3>{t('contest.clar.askHeading')}</h3>
      <label className="field field-inline">
        <span>{t('contest.clar.about')}</span>
        <select value={label} onChange={(e) => setLabel(e.target.value)}>
          <option value="">{t('contest.clar.general')}</option>
          {contest.problems.map((p) => (
            <option key={p.label} value={p.label}>
              {p.label}. {p.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('contest.clar.question')}</span>
        <textarea rows={3} value={question} onChange={(e) => setQuestion(e.target.value)} required />
      </label>
      <ErrorMessage error={ask.error} title={t('contest.clar.notSent')} />
      <div>
        <button type="submit" className="button-primary" disabled={ask.isPending || !question.trim()}>
          {ask.isPending ? t('contest.clar.sending') : t('contest.clar.ask')}
        </button>
      </div>
    </form>
  );
}

function AnnounceForm({ contest }: { contest: ContestView }) {
  const t = useT();
  const announce = useAnnounce(contest.id);
  const [text, setText] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    announce.mutate(text.trim(), { onSuccess: () => setText('') });
  };

  return (
    <form className="card form" aria-label={t('contest.clar.announceLabel')} onSubmit={submit}>
      <h3>{t('contest.clar.announceHeading')}</h3>
      <label className="field">
        <span>{t('contest.clar.announcement')}</span>
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} required />
      </label>
      <ErrorMessage error={announce.error} title={t('contest.clar.notPosted')} />
      <div>
        <button type="submit" className="button-primary" disabled={announce.isPending || !text.trim()}>
          {announce.isPending ? t('contest.clar.posting') : t('contest.clar.post')}
        </button>
      </div>
    </form>
  );
}

/** A judge's answer: to the asker only, or to everyone. */
function AnswerForm({ contest, clarification }: { contest: ContestView; clarification: ClarificationView }) {
  const t = useT();
  const answer = useAnswerClarification(contest.id);
  const [text, setText] = useState('');
  const [everyone, setEveryone] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    answer.mutate({ clarificationId: clarification.id, answer: text.trim(), public: everyone });
  };

  return (
    <form className="form answer-form" aria-label={t('contest.clar.answerLabel')} onSubmit={submit}>
      <label className="field">
        <span>{t('contest.clar.answer')}</span>
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} required />
      </label>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} />
          {t('contest.clar.everyone')}
        </label>
        <button type="submit" className="button-primary" disabled={answer.isPending || !text.trim()}>
          {answer.isPending ? t('contest.clar.answering') : t('contest.clar.answerButton')}
        </button>
      </div>
      <ErrorMessage error={answer.error} title={t('contest.clar.notAnswered')} />
    </form>
  );
}

function ClarificationItem({ contest, item }: { contest: ContestView; item: ClarificationView }) {
  const t = useT();
  const about = item.problemLabel
    ? t('contest.clar.aboutProblem', { label: item.problemLabel })
    : t('contest.clar.aboutGeneral');
  if (item.kind === 'announcement')
    return (
      <li className="clarification announcement" data-testid="clarification">
        <div className="clarification-head">
          <span className="badge clar-announcement">{t('contest.clar.announcement')}</span>
          {item.problemLabel && <span>{about}</span>}
          <span className="muted">{formatDate(item.createdAt)}</span>
        </div>
        <p className="clarification-text">{item.answer ?? item.question}</p>
      </li>
    );
  return (
    <li className="clarification" data-testid="clarification">
      <div className="clarification-head">
        <span className="badge clar-question">{t('contest.clar.question')}</span>
        <span>{about}</span>
        {item.askedBy && <span className="muted">{t('contest.clar.from', { username: item.askedBy.username })}</span>}
        <span className="muted">{formatDate(item.createdAt)}</span>
        {item.answer !== null && (
          <span className="badge clar-visibility">
            {item.public ? t('contest.clar.answeredPublic') : t('contest.clar.answeredPrivate')}
          </span>
        )}
      </div>
      <p className="clarification-text">{item.question}</p>
      {item.answer !== null ? (
        <div className="clarification-answer">
          <strong>{t('contest.clar.answerPrefix')} </strong>
          <span className="clarification-text">{item.answer}</span>
        </div>
      ) : contest.canManage ? (
        <AnswerForm contest={contest} clarification={item} />
      ) : (
        <p className="muted">{t('contest.clar.notYet')}</p>
      )}
    </li>
  );
}

/**
 * Questions to the judges and their answers, with the judges' announcements. Contestants see their own questions
 * and those answered to everyone; judges see all, answer and announce.
 */
export function ClarificationsPage() {
  const t = useT();
  const { contest } = useContestContext();
  const live = contest.phase === 'running' || contest.phase === 'frozen';
  const clarifications = useClarifications(contest.id, live);
  const items = [...(clarifications.data ?? [])].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  // Judges see the questions still waiting first.
  if (contest.canManage) items.sort((a, b) => Number(a.answer !== null) - Number(b.answer !== null));
  const mayAsk = !contest.canManage && contest.registered && live;

  return (
    <section aria-label={t('contest.clarifications')} className="clarifications">
      <h2>{t('contest.clarifications')}</h2>
      {contest.canManage && <AnnounceForm contest={contest} />}
      {mayAsk && <AskForm contest={contest} />}
      {clarifications.isPending && <Loading what={t('contest.clar.loading')} />}
      <ErrorMessage error={clarifications.error} title={t('contest.clar.loadError')} />
      {clarifications.data && items.length === 0 && <EmptyState>{t('contest.clar.empty')}</EmptyState>}
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
