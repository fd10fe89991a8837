import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ContestView, LanguageView, ProblemDetail } from '@judge/contract';
import { useContestProblem, useContestSubmit } from '../../api/contests';
import { useLanguages } from '../../api/hooks';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatTimeLimit } from '../../components/format';
import { SampleTests } from '../../components/sample-tests';
import { Statement } from '../../components/statement';
import { preferredLanguage, saveDraft, setPreferredLanguage, useDraft } from '../../editor/drafts';
import { Editor } from '../../editor/lazy-editor';
import { withoutTitle } from '../problem-page';
import { useContestContext } from './contest-layout';

/** The API's limit on a source (256 KiB). */
const MAX_SOURCE_BYTES = 256 * 1024;

function offered(problem: ProblemDetail, languages: LanguageView[] | undefined): LanguageView[] {
  const byId = new Map((languages ?? []).map((l) => [l.id, l]));
  return problem.languages.map((id) => byId.get(id) ?? { id, name: id, extensions: [] });
}

/** The editor and language picker of the problem page, sending to the contest's own route. */
function ContestSubmitPanel({
  contest,
  label,
  problem,
  languages,
}: {
  contest: ContestView;
  label: string;
  problem: ProblemDetail;
  languages: LanguageView[];
}) {
  const navigate = useNavigate();
  const submit = useContestSubmit(contest.id);
  const [chosen, setChosen] = useState(() => preferredLanguage());
  const language = languages.find((l) => l.id === chosen)?.id ?? languages[0]?.id ?? '';
  // Drafts are the problem's own: the same as on its practice page.
  const [source, setSource] = useDraft(problem.id, language);
  const [note, setNote] = useState<string | null>(null);

  const choose = (id: string) => {
    setChosen(id);
    setPreferredLanguage(id);
  };

  const send = () => {
    if (submit.isPending) return;
    if (!source.trim()) {
      setNote('Write or upload a source first.');
      return;
    }
    setNote(null);
    submit.mutate(
      { problem: label, language, source },
      { onSuccess: () => void navigate(`/contests/${contest.id}/submissions`) },
    );
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // CodeMirror handles the key itself (and marks it handled); this is for the plain text box.
    if (event.defaultPrevented) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_SOURCE_BYTES) {
      setNote(`${file.name} is over 256 KiB, the largest source the judge takes.`);
      return;
    }
    const text = await file.text();
    const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    const match = languages.find((l) => l.extensions.includes(extension));
    setNote(null);
    if (match && match.id !== language) {
      saveDraft(problem.id, match.id, text);
      choose(match.id);
    } else {
      setSource(text);
    }
  };

  if (languages.length === 0) return <EmptyState>No language is available on this judge.</EmptyState>;

  return (
    <section className="submit-panel card" aria-label="Submit a solution" onKeyDown={onKeyDown}>
      <h2>Submit {label}</h2>
      <div className="submit-controls">
        <label className="field field-inline">
          <span>Language</span>
          <select value={language} onChange={(e) => choose(e.target.value)}>
            {languages.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="file-button">
          <span>Upload file</span>
          <input
            type="file"
            aria-label="Upload source file"
            accept={languages.flatMap((l) => l.extensions.map((e) => `.${e}`)).join(',') || undefined}
            onChange={(e) => void upload(e)}
          />
        </label>
      </div>
      <Editor
        testId="editor"
        value={source}
        onChange={setSource}
        language={language}
        onSubmit={send}
        label="Source code"
      />
      {note && (
        <div className="alert alert-error" role="alert">
          {note}
        </div>
      )}
      <ErrorMessage error={submit.error} title="Not submitted" />
      <div className="submit-row">
        <span className="hint">Ctrl+Enter submits. Drafts are kept per language in this browser.</span>
        <button type="button" className="button-primary" onClick={send} disabled={submit.isPending}>
          {submit.isPending ? 'Submitting…' : 'Submit'}
        </button>
      </div>
    </section>
  );
}

/** One problem of a contest, by its label: statement, limits, samples and the editor. */
export function ContestProblemPage() {
  const { contest } = useContestContext();
  const { label = '' } = useParams();
  const problem = useContestProblem(contest.id, label);
  const languages = useLanguages();

  if (problem.isPending) return <Loading what="Loading the problem" />;
  if (problem.error) return <ErrorMessage error={problem.error} />;
  const p = problem.data;
  const mayTakePart = contest.registered || contest.canManage || contest.phase === 'ended';

  return (
    <div className="problem-columns contest-problem">
      <div className="problem-text">
        <h2 className="contest-problem-title">
          {label}. {p.title}
        </h2>
        <dl className="limits" aria-label="Limits">
          <div>
            <dt>Time limit</dt>
            <dd>{formatTimeLimit(p.limits.timeLimitMs)}</dd>
          </div>
          <div>
            <dt>Memory limit</dt>
            <dd>{p.limits.memoryMb} MB</dd>
          </div>
          {p.type === 'scoring' && (
            <div>
              <dt>Type</dt>
              <dd>Scoring</dd>
            </div>
          )}
          {p.interactive && (
            <div>
              <dt>Type</dt>
              <dd>Interactive</dd>
            </div>
          )}
        </dl>
        {p.statement ? (
          <Statement source={withoutTitle(p.statement, p.title)} />
        ) : (
          <EmptyState>This problem has no statement.</EmptyState>
        )}
        <SampleTests samples={p.samples} />
      </div>
      <div className="problem-submit">
        {!mayTakePart && (
          <div className="alert alert-info" role="status">
            Register on the overview tab to submit.
          </div>
        )}
        <ErrorMessage error={languages.error} title="Could not load the languages" />
        <ContestSubmitPanel contest={contest} label={label} problem={p} languages={offered(p, languages.data)} />
      </div>
    </div>
  );
}
