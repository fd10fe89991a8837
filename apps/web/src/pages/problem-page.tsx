import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { LanguageView, ProblemDetail } from '@judge/contract';
import { useLanguages, useProblem, useSubmit } from '../api/hooks';
import { isStaff } from '../auth/session';
import { useSession } from '../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../components/error-message';
import { formatTimeLimit } from '../components/format';
import { SampleTests } from '../components/sample-tests';
import { Statement } from '../components/statement';
import { preferredLanguage, saveDraft, setPreferredLanguage, useDraft } from '../editor/drafts';
import { Editor } from '../editor/lazy-editor';

/** A statement often starts with the title as its own heading: the page shows the title once. */
export function withoutTitle(statement: string, title: string): string {
  const match = /^\s*#\s+(.+?)\s*#*\s*(\n|$)/.exec(statement);
  return match && match[1].trim() === title.trim() ? statement.slice(match[0].length) : statement;
}

/** The API's limit on a source (256 KiB). */
const MAX_SOURCE_BYTES = 256 * 1024;

function Limits({ problem }: { problem: ProblemDetail }) {
  return (
    <dl className="limits" aria-label="Limits">
      <div>
        <dt>Time limit</dt>
        <dd>{formatTimeLimit(problem.limits.timeLimitMs)}</dd>
      </div>
      <div>
        <dt>Memory limit</dt>
        <dd>{problem.limits.memoryMb} MB</dd>
      </div>
      <div>
        <dt>Output limit</dt>
        <dd>{problem.limits.outputMb} MB</dd>
      </div>
      <div>
        <dt>Tests</dt>
        <dd>{problem.testCount}</dd>
      </div>
      {problem.type === 'scoring' && (
        <div>
          <dt>Type</dt>
          <dd>Scoring</dd>
        </div>
      )}
      {problem.interactive && (
        <div>
          <dt>Type</dt>
          <dd>Interactive</dd>
        </div>
      )}
    </dl>
  );
}

/** The languages a problem accepts, with their names when the list of languages has loaded. */
function offered(problem: ProblemDetail, languages: LanguageView[] | undefined): LanguageView[] {
  if (!languages) return problem.languages.map((id) => ({ id, name: id, extensions: [] }));
  const byId = new Map(languages.map((l) => [l.id, l]));
  return problem.languages.map((id) => byId.get(id) ?? { id, name: id, extensions: [] });
}

function SubmitPanel({ problem, languages }: { problem: ProblemDetail; languages: LanguageView[] }) {
  const navigate = useNavigate();
  const submit = useSubmit();
  const [chosen, setChosen] = useState(() => preferredLanguage());
  const language = languages.find((l) => l.id === chosen)?.id ?? languages[0]?.id ?? '';
  const [source, setSource] = useDraft(problem.id, language);
  const [problemNote, setProblemNote] = useState<string | null>(null);

  const choose = (id: string) => {
    setChosen(id);
    setPreferredLanguage(id);
  };

  const send = () => {
    if (submit.isPending) return;
    if (!source.trim()) {
      setProblemNote('Write or upload a source first.');
      return;
    }
    setProblemNote(null);
    submit.mutate(
      { problemId: problem.id, language, source },
      { onSuccess: ({ id }) => void navigate(`/submissions/${id}`) },
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
      setProblemNote(`${file.name} is over 256 KiB, the largest source the judge takes.`);
      return;
    }
    const text = await file.text();
    const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    const match = languages.find((l) => l.extensions.includes(extension));
    setProblemNote(null);
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
      <h2>Submit</h2>
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
      {problemNote && (
        <div className="alert alert-error" role="alert">
          {problemNote}
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

/** A problem: statement, limits, samples, and the editor to submit a solution. */
export function ProblemPage() {
  const { id = '' } = useParams();
  const user = useSession();
  const problem = useProblem(id);
  const languages = useLanguages();

  if (problem.isPending) return <Loading what="Loading the problem" />;
  if (problem.error)
    return (
      <div className="page">
        <h1>Problem</h1>
        <ErrorMessage error={problem.error} />
        <Link to="/problems">Back to the problems</Link>
      </div>
    );
  const p = problem.data;

  return (
    <div className="page problem-page">
      <div className="page-head">
        <h1>{p.title}</h1>
        <div className="actions">
          <Link to={`/submissions?problem=${p.id}`}>My submissions</Link>
          {isStaff(user) && <Link to={`/admin/problems/${p.id}`}>Manage</Link>}
        </div>
      </div>
      <div className="problem-columns">
        <div className="problem-text">
          <Limits problem={p} />
          {p.statement ? (
            <Statement source={withoutTitle(p.statement, p.title)} />
          ) : (
            <EmptyState>This problem has no statement.</EmptyState>
          )}
          <SampleTests samples={p.samples} />
        </div>
        <div className="problem-submit">
          {p.testCount === 0 && (
            <div className="alert alert-info" role="status">
              This problem has no tests yet: submissions are refused until it has.
            </div>
          )}
          <ErrorMessage error={languages.error} title="Could not load the languages" />
          <SubmitPanel problem={p} languages={offered(p, languages.data)} />
        </div>
      </div>
    </div>
  );
}
