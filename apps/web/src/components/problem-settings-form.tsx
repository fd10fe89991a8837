import { useDeferredValue } from 'react';
import type { CheckerType } from '../api/hooks';
import { useT } from '../i18n/i18n-provider';
import { FileButton } from './file-button';
import { Statement } from './statement';

export type CheckerLanguage = 'c' | 'cpp' | 'python';

/** What the writing and editing forms of a problem share: title, statement, limits and checker. */
export interface ProblemSettings {
  title: string;
  /** null: the package's statement is not Markdown and is kept as it is. */
  statement: string | null;
  timeLimitMs: number;
  memoryMb: number;
  checker: CheckerType;
  tolerance: string;
  checkerSource: string;
  checkerLanguage: CheckerLanguage;
}

/** The checker the API takes from the form's choices. */
export function checkerOf(settings: ProblemSettings) {
  const { checker: type, tolerance, checkerSource: source, checkerLanguage: language } = settings;
  if (type === 'float') return { type, flags: `float_tolerance ${tolerance || '1e-6'}` };
  if (type === 'custom') return source ? { type, source, language } : { type };
  return { type };
}

/**
 * The fields of a problem's settings, with a live preview of the Markdown statement. `checkerEditable` false hides
 * the checker (a package whose checker is changed by uploading it); `keepChecker` lets a custom checker stay as it is.
 */
export function ProblemSettingsFields({
  value,
  onChange,
  checkerEditable = true,
  keepChecker = false,
}: {
  value: ProblemSettings;
  onChange: (next: ProblemSettings) => void;
  checkerEditable?: boolean;
  keepChecker?: boolean;
}) {
  const t = useT();
  const preview = useDeferredValue(value.statement);
  const set = (change: Partial<ProblemSettings>) => onChange({ ...value, ...change });
  return (
    <>
      <label className="field">
        <span>{t('setter.form.title')}</span>
        <input required maxLength={200} value={value.title} onChange={(e) => set({ title: e.target.value })} />
      </label>
      {value.statement === null || preview === null ? (
        <p className="hint">{t('setter.form.statementKept')}</p>
      ) : (
        <div className="statement-editor">
          <label className="field">
            <span>{t('setter.form.statement')}</span>
            <textarea
              className="mono"
              rows={16}
              value={value.statement}
              onChange={(e) => set({ statement: e.target.value })}
            />
          </label>
          <div className="field">
            <span>{t('setter.form.preview')}</span>
            <div className="preview">
              <Statement source={preview} label={t('setter.form.previewLabel')} />
            </div>
          </div>
        </div>
      )}
      <div className="row">
        <label className="field field-inline">
          <span>{t('setter.form.timeLimit')}</span>
          <input
            type="number"
            min={100}
            max={60000}
            step={100}
            required
            value={value.timeLimitMs}
            onChange={(e) => set({ timeLimitMs: Number(e.target.value) })}
          />
        </label>
        <label className="field field-inline">
          <span>{t('setter.form.memoryLimit')}</span>
          <input
            type="number"
            min={16}
            max={4096}
            required
            value={value.memoryMb}
            onChange={(e) => set({ memoryMb: Number(e.target.value) })}
          />
        </label>
      </div>
      {checkerEditable ? (
        <fieldset>
          <legend>{t('setter.form.checker')}</legend>
          <label className="check">
            <input
              type="radio"
              name="checker"
              checked={value.checker === 'default'}
              onChange={() => set({ checker: 'default' })}
            />
            <span>{t('setter.form.checkerDefault')}</span>
          </label>
          <label className="check">
            <input
              type="radio"
              name="checker"
              checked={value.checker === 'float'}
              onChange={() => set({ checker: 'float' })}
            />
            <span>{t('setter.form.checkerFloat')}</span>
          </label>
          {value.checker === 'float' && (
            <label className="field field-inline nested">
              <span>{t('setter.form.tolerance')}</span>
              <input
                value={value.tolerance}
                pattern="[0-9.eE+\-]+"
                onChange={(e) => set({ tolerance: e.target.value })}
              />
            </label>
          )}
          <label className="check">
            <input
              type="radio"
              name="checker"
              checked={value.checker === 'custom'}
              onChange={() => set({ checker: 'custom' })}
            />
            <span>{t('setter.form.checkerCustom')}</span>
          </label>
          {value.checker === 'custom' && (
            <div className="nested">
              <label className="field field-inline">
                <span>{t('setter.form.checkerLanguage')}</span>
                <select
                  value={value.checkerLanguage}
                  onChange={(e) => set({ checkerLanguage: e.target.value as CheckerLanguage })}
                >
                  <option value="cpp">C++</option>
                  <option value="c">C</option>
                  <option value="python">Python</option>
                </select>
              </label>
              <label className="field">
                <span>{t('setter.form.checkerSource')}</span>
                <textarea
                  className="mono"
                  rows={10}
                  required={!keepChecker}
                  placeholder={keepChecker ? t('setter.form.checkerKept') : undefined}
                  value={value.checkerSource}
                  onChange={(e) => set({ checkerSource: e.target.value })}
                />
              </label>
              <FileButton
                small
                text={t('setter.form.checkerFile')}
                label={t('setter.form.checkerFileLabel')}
                accept=".c,.cc,.cpp,.py"
                onFiles={([file]) => void file.text().then((checkerSource) => set({ checkerSource }))}
              />
            </div>
          )}
        </fieldset>
      ) : (
        <p className="hint">{t('setter.form.checkerNotEditable')}</p>
      )}
    </>
  );
}
