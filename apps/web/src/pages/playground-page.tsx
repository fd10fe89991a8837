import { useState, type KeyboardEvent } from 'react';
import { useLanguages } from '../api/hooks';
import { useRun } from '../api/runs';
import { EmptyState, ErrorMessage, Loading } from '../components/error-message';
import { RunInput, RUN_SHORTCUT } from '../components/run-input';
import { RunResult } from '../components/run-result';
import { preferredLanguage, setPreferredLanguage, useDraft } from '../editor/drafts';
import { Editor } from '../editor/lazy-editor';
import { useT } from '../i18n/i18n-provider';

/** The playground's drafts sit beside problems' (judge.draft:<problem>:<language>) under a name no id takes. */
export const PLAYGROUND_DRAFTS = 'playground';
const INPUT_KEY = 'judge.playground.input';

function loadInput(): string {
  try {
    return localStorage.getItem(INPUT_KEY) ?? '';
  } catch {
    return '';
  }
}

function saveInput(text: string): void {
  try {
    localStorage.setItem(INPUT_KEY, text);
  } catch {
    // Not kept: the box starts empty next time.
  }
}

/**
 * Any program in any language of the judge, on an input of the user's, with no problem: what a run is for. The
 * code is kept per language in this browser as a problem's drafts are, the language chosen last comes first, and
 * the input stays too.
 */
export function PlaygroundPage() {
  const t = useT();
  const languages = useLanguages();
  const [chosen, setChosen] = useState(() => preferredLanguage());
  const list = languages.data ?? [];
  const current = list.find((l) => l.id === chosen) ?? list[0];
  const language = current?.id ?? '';
  const [source, setSource] = useDraft(PLAYGROUND_DRAFTS, language);
  const [input, setInput] = useState(loadInput);
  const [args, setArgs] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const runner = useRun();

  const run = () => {
    if (runner.busy || !language) return;
    if (!source.trim()) {
      setNote(t('playground.writeFirst'));
      return;
    }
    setNote(null);
    // One argument a line, so that an argument may hold spaces; a last empty line is no argument.
    const lines = args.split('\n');
    if (lines.at(-1) === '') lines.pop();
    runner.start({ language, source, stdin: input, ...(lines.length ? { args: lines } : {}) });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // CodeMirror handles the keys itself (and marks them handled); this is for the plain text boxes.
    if (event.defaultPrevented || !(event.ctrlKey || event.metaKey)) return;
    if (event.key === 'Enter' || event.key === "'") {
      event.preventDefault();
      run();
    }
  };

  return (
    <div className="page playground-page">
      <div className="page-head">
        <h1>{t('playground.title')}</h1>
      </div>
      <p className="muted">{t('playground.intro')}</p>
      {languages.isPending && <Loading what={t('playground.loadingLanguages')} />}
      <ErrorMessage error={languages.error} title={t('problem.languagesError')} />
      {languages.data && list.length === 0 && <EmptyState>{t('problem.submitPanel.noLanguage')}</EmptyState>}
      {current && (
        <section className="submit-panel card" aria-label={t('playground.label')} onKeyDown={onKeyDown}>
          <div className="submit-controls">
            <label className="field field-inline">
              <span>{t('problem.submitPanel.language')}</span>
              <select
                value={language}
                onChange={(e) => {
                  setChosen(e.target.value);
                  setPreferredLanguage(e.target.value);
                }}
              >
                {list.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <Editor
            testId="editor"
            value={source}
            onChange={setSource}
            mode={current.editor}
            onSubmit={run}
            onRun={run}
            label={t('problem.submitPanel.source')}
          />
          {note && (
            <div className="alert alert-error" role="alert">
              {note}
            </div>
          )}
          <div className="io-grid io-grid-2">
            <RunInput
              value={input}
              onChange={(text) => {
                setInput(text);
                saveInput(text);
              }}
            />
            <label className="field run-input">
              <span>{t('playground.args')}</span>
              <textarea
                value={args}
                onChange={(e) => setArgs(e.target.value)}
                spellCheck={false}
                rows={3}
                placeholder={t('playground.argsPlaceholder')}
              />
            </label>
          </div>
          <div className="submit-row">
            <span className="hint">{t('playground.hint')}</span>
            <button
              type="button"
              className="button-primary"
              onClick={run}
              disabled={runner.busy}
              title={t('run.buttonTitle')}
              aria-keyshortcuts={`${RUN_SHORTCUT} Control+Enter Meta+Enter`}
            >
              {runner.busy ? t('run.running') : t('run.run')}
            </button>
          </div>
          <RunResult state={runner.state} />
        </section>
      )}
    </div>
  );
}
