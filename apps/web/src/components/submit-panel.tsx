import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { ANSWERS_LANGUAGE, DEFAULT_EDITOR_MODE, type LanguageView, type ProblemDetail } from '@judge/contract';
import { preferredLanguage, saveDraft, setPreferredLanguage, useDraft } from '../editor/drafts';
import { Editor } from '../editor/lazy-editor';
import { EmptyState, ErrorMessage } from './error-message';

/** The API's limit on a source (256 KiB). */
const MAX_SOURCE_BYTES = 256 * 1024;

/** The languages a problem accepts, with their names when the list of languages has loaded. */
export function offeredLanguages(problem: ProblemDetail, languages: LanguageView[] | undefined): LanguageView[] {
  const byId = new Map((languages ?? []).map((l) => [l.id, l]));
  return problem.languages.map(
    (id) =>
      byId.get(id) ?? {
        id,
        // A submit-answer problem's only choice: the answer itself, typed or uploaded as text.
        name: id === ANSWERS_LANGUAGE ? 'Answer (output only)' : id,
        extensions: id === ANSWERS_LANGUAGE ? ['out', 'txt'] : [],
        editor: DEFAULT_EDITOR_MODE,
      },
  );
}

export interface SubmitPanelProps {
  heading: string;
  /** Drafts are kept per problem: its copy in a contest or an assignment shares the practice page's drafts. */
  problemId: string;
  languages: LanguageView[];
  /** Sends the source; the page knows where to (practice, contest or assignment) and where to go next. */
  onSubmit: (language: string, source: string) => void;
  pending: boolean;
  /** The last sending's failure, shown under the editor. */
  error: unknown;
  /** Offer to read the source from a file. */
  upload?: boolean;
}

/** The language picker, file upload and editor of a problem, with drafts and Ctrl+Enter to submit. */
export function SubmitPanel({
  heading,
  problemId,
  languages,
  onSubmit,
  pending,
  error,
  upload = true,
}: SubmitPanelProps) {
  const [chosen, setChosen] = useState(() => preferredLanguage());
  const current = languages.find((l) => l.id === chosen) ?? languages[0];
  const language = current?.id ?? '';
  const [source, setSource] = useDraft(problemId, language);
  const [note, setNote] = useState<string | null>(null);

  const choose = (id: string) => {
    setChosen(id);
    setPreferredLanguage(id);
  };

  const send = () => {
    if (pending) return;
    if (!source.trim()) {
      setNote(upload ? 'Write or upload a source first.' : 'Write a source first.');
      return;
    }
    setNote(null);
    onSubmit(language, source);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // CodeMirror handles the key itself (and marks it handled); this is for the plain text box.
    if (event.defaultPrevented) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  };

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
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
      saveDraft(problemId, match.id, text);
      choose(match.id);
    } else {
      setSource(text);
    }
  };

  if (languages.length === 0) return <EmptyState>No language is available on this judge.</EmptyState>;

  return (
    <section className="submit-panel card" aria-label="Submit a solution" onKeyDown={onKeyDown}>
      <h2>{heading}</h2>
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
        {upload && (
          <label className="file-button">
            <span>Upload file</span>
            <input
              type="file"
              aria-label="Upload source file"
              accept={languages.flatMap((l) => l.extensions.map((e) => `.${e}`)).join(',') || undefined}
              onChange={(e) => void readFile(e)}
            />
          </label>
        )}
      </div>
      <Editor
        testId="editor"
        value={source}
        onChange={setSource}
        mode={current?.editor ?? DEFAULT_EDITOR_MODE}
        onSubmit={send}
        label="Source code"
      />
      {note && (
        <div className="alert alert-error" role="alert">
          {note}
        </div>
      )}
      <ErrorMessage error={error} title="Not submitted" />
      <div className="submit-row">
        <span className="hint">Ctrl+Enter submits. Drafts are kept per language in this browser.</span>
        <button type="button" className="button-primary" onClick={send} disabled={pending}>
          {pending ? 'Submitting…' : 'Submit'}
        </button>
      </div>
    </section>
  );
}
