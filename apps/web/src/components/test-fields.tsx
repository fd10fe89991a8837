import type { TestDraft } from '../api/hooks';
import { useT } from '../i18n/i18n-provider';
import { FileButton } from './file-button';
import { formatBytes } from './format';

export const emptyTest = (): TestDraft => ({ input: '', answer: '', sample: false, group: '' });

function DataField({
  label,
  fileLabel,
  value,
  onChange,
}: {
  label: string;
  fileLabel: string;
  value: string | File;
  onChange: (value: string | File) => void;
}) {
  const t = useT();
  if (typeof value !== 'string') {
    return (
      <div className="field">
        <span>{label}</span>
        <div className="chosen-file">
          <span>{t('setter.testFields.chosen', { name: value.name, size: formatBytes(value.size) })}</span>
          <button type="button" className="button-small" onClick={() => onChange('')}>
            {t('setter.testFields.typeInstead')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="field">
      <label className="field">
        <span>{label}</span>
        <textarea className="mono" rows={4} value={value} onChange={(e) => onChange(e.target.value)} />
      </label>
      <FileButton
        small
        showChosen={false}
        text={t('setter.testFields.chooseFile')}
        label={fileLabel}
        onFiles={([file]) => onChange(file)}
      />
    </div>
  );
}

/** One test: input and answer typed or chosen as files, sample or secret, and its group. */
export function TestFields({
  value,
  onChange,
  withKind = true,
}: {
  value: TestDraft;
  onChange: (value: TestDraft) => void;
  /** Whether sample / group can be chosen (a replaced test keeps its place). */
  withKind?: boolean;
}) {
  const t = useT();
  return (
    <div className="test-fields">
      <div className="io-grid io-grid-2">
        <DataField
          label={t('setter.testFields.input')}
          fileLabel={t('setter.testFields.inputFile')}
          value={value.input}
          onChange={(input) => onChange({ ...value, input })}
        />
        <DataField
          label={t('setter.testFields.answer')}
          fileLabel={t('setter.testFields.answerFile')}
          value={value.answer}
          onChange={(answer) => onChange({ ...value, answer })}
        />
      </div>
      {withKind && (
        <div className="row">
          <label className="check">
            <input
              type="checkbox"
              checked={value.sample}
              onChange={(e) => onChange({ ...value, sample: e.target.checked })}
            />
            <span>{t('setter.testFields.sample')}</span>
          </label>
          <label className="field field-inline">
            <span>{t('setter.testFields.group')}</span>
            <input
              value={value.group}
              placeholder={t('setter.testFields.groupNone')}
              pattern="[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*"
              onChange={(e) => onChange({ ...value, group: e.target.value })}
            />
          </label>
        </div>
      )}
    </div>
  );
}

/** Pairs files by name: `1.in` with `1.ans` (or `.out`); what has no pair is returned apart. */
export function pairTestFiles(files: File[]): { tests: TestDraft[]; unpaired: string[] } {
  const byBase = new Map<string, { input?: File; answer?: File }>();
  const unpaired: string[] = [];
  for (const file of files) {
    const match = /^(.*)\.(in|ans|out|a)$/i.exec(file.name);
    if (!match) {
      unpaired.push(file.name);
      continue;
    }
    const entry = byBase.get(match[1]) ?? {};
    if (match[2].toLowerCase() === 'in') entry.input = file;
    else entry.answer = file;
    byBase.set(match[1], entry);
  }
  const tests: TestDraft[] = [];
  for (const [base, { input, answer }] of [...byBase].sort(([a], [b]) =>
    a.localeCompare(b, undefined, { numeric: true }),
  )) {
    if (input && answer) tests.push({ input, answer, sample: /sample/i.test(base), group: '' });
    else unpaired.push(...[input?.name, answer?.name].filter((n): n is string => !!n));
  }
  return { tests, unpaired };
}
