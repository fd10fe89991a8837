import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import {
  ANSWERS_LANGUAGE,
  DEFAULT_EDITOR_MODE,
  SUBMISSION_LIMITS,
  submissionFilesProblem,
  type LanguageView,
  type ProblemDetail,
  type SubmissionFile,
  type SubmissionProgram,
} from '@judge/contract';
import { useRun } from '../api/runs';
import { preferredLanguage, saveDraft, setPreferredLanguage, useDraft } from '../editor/drafts';
import { Editor } from '../editor/lazy-editor';
import { EmptyState, ErrorMessage } from './error-message';
import { readChosenFiles } from './submission-files';
import { formatBytes } from './format';
import { RunInput, RUN_SHORTCUT } from './run-input';
import { RunResult } from './run-result';
import { useT } from '../i18n/i18n-provider';

/** The API's limit on a source, or on all files of a submission (256 KiB). */
const MAX_SOURCE_BYTES = SUBMISSION_LIMITS.maxTotalBytes;

/**
 * The languages a problem accepts, with their names when the list of languages has loaded (a submit-answer
 * problem's only choice is named by the panel, in the reader's language).
 */
export function offeredLanguages(problem: ProblemDetail, languages: LanguageView[] | undefined): LanguageView[] {
  const byId = new Map((languages ?? []).map((l) => [l.id, l]));
  return problem.languages.map(
    (id) =>
      byId.get(id) ?? {
        id,
        // A submit-answer problem's only choice: the answer itself, typed or uploaded as text.
        name: id,
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
  /**
   * Sends the source, or the files chosen instead; the page knows where to (practice, contest or assignment) and
   * where to go next.
   */
  onSubmit: (program: SubmissionProgram) => void;
  pending: boolean;
  /** The last sending's failure, shown under the editor. */
  error: unknown;
  /** Offer to read the source from a file. */
  upload?: boolean;
  /**
   * Offers Run beside Submit: the program runs on an input of the user's, which starts as this text (the problem's
   * first sample). Unset: no Run (a contest or an assignment that turned runs off).
   */
  runInput?: string;
}

/**
 * The language picker, file upload and editor of a problem, with drafts and Ctrl+Enter to submit. Choosing several
 * files, or a zip, sends them as they are (with an entry point when one is picked) instead of the editor's source.
 * With `runInput`, Run (Ctrl+') runs the same program on the input box and shows what it did below.
 */
export function SubmitPanel({
  heading,
  problemId,
  languages,
  onSubmit,
  pending,
  error,
  upload = true,
  runInput,
}: SubmitPanelProps) {
  const t = useT();
  const [chosen, setChosen] = useState(() => preferredLanguage());
  const current = languages.find((l) => l.id === chosen) ?? languages[0];
  const language = current?.id ?? '';
  const [source, setSource] = useDraft(problemId, language);
  const [note, setNote] = useState<string | null>(null);
  const [files, setFiles] = useState<SubmissionFile[] | null>(null);
  const [entryPoint, setEntryPoint] = useState('');
  const runner = useRun();
  // A contest's tabs keep the panel from problem to problem: a run's result shows on the problem it ran for.
  const [ranFor, setRanFor] = useState<string | null>(null);
  // The input box starts as the problem's sample, again when the page moves on to another problem.
  const [input, setInput] = useState({ problemId, text: runInput ?? '' });
  let stdin = input.text;
  if (input.problemId !== problemId) {
    stdin = runInput ?? '';
    setInput({ problemId, text: stdin });
  }
  // A submit-answer problem has no program to run.
  const canRun = runInput !== undefined && language !== ANSWERS_LANGUAGE;

  const choose = (id: string) => {
    setChosen(id);
    setPreferredLanguage(id);
  };

  /** What Submit and Run send, or null after saying what is missing. */
  const program = (): SubmissionProgram | null => {
    if (files) {
      // The API's own rules, so that a bad name is named here rather than after a round trip.
      const problem = submissionFilesProblem(files, { folders: true });
      if (problem) {
        setNote(problem);
        return null;
      }
      setNote(null);
      return { language, files, ...(entryPoint ? { entryPoint } : {}) };
    }
    if (!source.trim()) {
      setNote(upload ? t('problem.submitPanel.writeOrUpload') : t('problem.submitPanel.write'));
      return null;
    }
    setNote(null);
    return { language, source };
  };

  const send = () => {
    if (pending) return;
    const chosen = program();
    if (chosen) onSubmit(chosen);
  };

  const run = () => {
    if (!canRun || runner.busy) return;
    const chosen = program();
    if (!chosen) return;
    setRanFor(problemId);
    runner.start({ ...chosen, stdin });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // CodeMirror handles the keys itself (and marks them handled); this is for the plain text boxes.
    if (event.defaultPrevented || !(event.ctrlKey || event.metaKey)) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      send();
    } else if (event.key === "'" && canRun) {
      event.preventDefault();
      run();
    }
  };

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    const file = chosen[0];
    if (!file) return;
    if (chosen.length > 1 || /\.zip$/i.test(file.name)) {
      const read = await readChosenFiles(chosen, MAX_SOURCE_BYTES);
      if ('problem' in read) {
        setNote(read.problem);
        return;
      }
      setNote(null);
      setFiles(read.files);
      setEntryPoint('');
      // The language most of the files are written in, when the list knows it.
      const counts = languages.map((l) => ({
        id: l.id,
        n: read.files.filter((f) => l.extensions.includes(f.name.split('.').pop()!.toLowerCase())).length,
      }));
      const best = counts.reduce((a, b) => (b.n > a.n ? b : a), { id: language, n: 0 });
      if (best.n > 0 && best.id !== language) choose(best.id);
      return;
    }
    if (file.size > MAX_SOURCE_BYTES) {
      setNote(t('problem.submitPanel.tooLarge', { name: file.name, limit: formatBytes(MAX_SOURCE_BYTES) }));
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

  if (languages.length === 0) return <EmptyState>{t('problem.submitPanel.noLanguage')}</EmptyState>;

  return (
    <section className="submit-panel card" aria-label={t('problem.submitPanel.label')} onKeyDown={onKeyDown}>
      <h2>{heading}</h2>
      <div className="submit-controls">
        <label className="field field-inline">
          <span>{t('problem.submitPanel.language')}</span>
          <select value={language} onChange={(e) => choose(e.target.value)}>
            {languages.map((l) => (
              <option key={l.id} value={l.id}>
                {l.id === ANSWERS_LANGUAGE ? t('problem.submitPanel.answers') : l.name}
              </option>
            ))}
          </select>
        </label>
        {upload && (
          <label className="file-button">
            <span>{t('problem.submitPanel.upload')}</span>
            <input
              type="file"
              multiple
              aria-label={t('problem.submitPanel.uploadLabel')}
              onChange={(e) => void readFile(e)}
            />
          </label>
        )}
      </div>
      {files ? (
        <div className="chosen-files" aria-label={t('problem.submitPanel.files')}>
          <ul className="file-list">
            {files.map((f) => (
              <li key={f.name}>
                <span className="file-name">{f.name}</span>
                <span className="muted">{formatBytes(new TextEncoder().encode(f.content).length)}</span>
              </li>
            ))}
          </ul>
          <div className="row">
            <label className="field field-inline">
              <span>{t('problem.submitPanel.entryPoint')}</span>
              <select value={entryPoint} onChange={(e) => setEntryPoint(e.target.value)}>
                <option value="">{t('problem.submitPanel.entryPointAuto')}</option>
                {files.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => setFiles(null)}>
              {t('problem.submitPanel.backToEditor')}
            </button>
          </div>
        </div>
      ) : (
        <Editor
          testId="editor"
          value={source}
          onChange={setSource}
          mode={current?.editor ?? DEFAULT_EDITOR_MODE}
          onSubmit={send}
          onRun={canRun ? run : undefined}
          label={t('problem.submitPanel.source')}
        />
      )}
      {note && (
        <div className="alert alert-error" role="alert">
          {note}
        </div>
      )}
      <ErrorMessage error={error} title={t('problem.submitPanel.notSubmitted')} />
      {canRun && <RunInput value={stdin} onChange={(text) => setInput({ problemId, text })} />}
      <div className="submit-row">
        <span className="hint">
          {t('problem.submitPanel.hint')}
          {canRun && ` ${t('run.hint')}`}
        </span>
        <span className="submit-buttons">
          {canRun && (
            <button
              type="button"
              onClick={run}
              disabled={runner.busy}
              title={t('run.buttonTitle')}
              aria-keyshortcuts={RUN_SHORTCUT}
            >
              {runner.busy ? t('run.running') : t('run.run')}
            </button>
          )}
          <button
            type="button"
            className="button-primary"
            onClick={send}
            disabled={pending}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            {pending ? t('problem.submitPanel.submitting') : t('problem.submitPanel.submit')}
          </button>
        </span>
      </div>
      {canRun && ranFor === problemId && <RunResult state={runner.state} />}
    </section>
  );
}
