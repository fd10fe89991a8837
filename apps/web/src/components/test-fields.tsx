import type { TestDraft } from '../api/hooks';

export const emptyTest = (): TestDraft => ({ input: '', answer: '', sample: false, group: '' });

function DataField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | File;
  onChange: (value: string | File) => void;
}) {
  if (typeof value !== 'string') {
    return (
      <div className="field">
        <span>{label}</span>
        <div className="chosen-file">
          <span>
            {value.name} ({value.size} bytes)
          </span>
          <button type="button" className="button-small" onClick={() => onChange('')}>
            Type it instead
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
      <label className="file-link">
        <span>or choose a file</span>
        <input
          type="file"
          aria-label={`${label} file`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onChange(file);
          }}
        />
      </label>
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
  return (
    <div className="test-fields">
      <div className="io-grid io-grid-2">
        <DataField label="Input" value={value.input} onChange={(input) => onChange({ ...value, input })} />
        <DataField label="Answer" value={value.answer} onChange={(answer) => onChange({ ...value, answer })} />
      </div>
      {withKind && (
        <div className="row">
          <label className="check">
            <input
              type="checkbox"
              checked={value.sample}
              onChange={(e) => onChange({ ...value, sample: e.target.checked })}
            />
            <span>Sample (shown in the statement)</span>
          </label>
          <label className="field field-inline">
            <span>Group</span>
            <input
              value={value.group}
              placeholder="none"
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
