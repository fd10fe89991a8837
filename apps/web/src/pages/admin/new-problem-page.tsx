import { useDeferredValue, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ProblemListItem } from '@judge/contract';
import {
  useCreateProblem,
  useUploadPackage,
  type AuthoredProblem,
  type CheckerType,
  type TestDraft,
} from '../../api/hooks';
import { ErrorMessage } from '../../components/error-message';
import { PackageDrop } from '../../components/package-drop';
import { Statement } from '../../components/statement';
import { emptyTest, pairTestFiles, TestFields } from '../../components/test-fields';

const STATEMENT_TEMPLATE = `Given two integers $a$ and $b$, print $a + b$.

## Input

One line with $a$ and $b$ ($|a|, |b| \\le 10^9$).

## Output

One line with the sum.
`;

function UploadSection() {
  const upload = useUploadPackage();
  const [name, setName] = useState<string | null>(null);

  const onFile = (file: File) => {
    setName(file.name);
    upload.mutate(file);
  };

  return (
    <section className="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a package</h2>
      <p className="hint">
        An ICPC / Kattis problem package as a zip: <code>problem.yaml</code>, <code>problem_statement/</code>,{' '}
        <code>data/sample</code> and <code>data/secret</code>, validators if any. It is checked before it is stored.
      </p>
      <PackageDrop onFile={onFile} disabled={upload.isPending} />
      {upload.isPending && <p role="status">Uploading and checking {name}…</p>}
      <ErrorMessage error={upload.error} title={`${name ?? 'The package'} was refused`} />
      {upload.data && <Created problem={upload.data} />}
    </section>
  );
}

function Created({ problem }: { problem: ProblemListItem }) {
  return (
    <div className="alert alert-success" role="status">
      Created <Link to={`/problems/${problem.id}`}>{problem.title}</Link> (version {problem.version}).{' '}
      <Link to={`/admin/problems/${problem.id}`}>Manage its tests</Link>.{' '}
      {problem.visibility === 'draft' && 'It is a draft: publish it there when contestants may practise on it.'}
    </div>
  );
}

function checkerOf(type: CheckerType, tolerance: string, source: string, language: 'c' | 'cpp' | 'python') {
  if (type === 'float') return { type, flags: `float_tolerance ${tolerance || '1e-6'}` };
  if (type === 'custom') return { type, source, language };
  return { type };
}

function WriteSection() {
  const navigate = useNavigate();
  const create = useCreateProblem();
  const [title, setTitle] = useState('');
  const [statement, setStatement] = useState(STATEMENT_TEMPLATE);
  const preview = useDeferredValue(statement);
  const [timeLimitMs, setTimeLimitMs] = useState(1000);
  const [memoryMb, setMemoryMb] = useState(256);
  const [checker, setChecker] = useState<CheckerType>('default');
  const [tolerance, setTolerance] = useState('1e-6');
  const [checkerSource, setCheckerSource] = useState('');
  const [checkerLanguage, setCheckerLanguage] = useState<'c' | 'cpp' | 'python'>('cpp');
  const [tests, setTests] = useState<TestDraft[]>([{ ...emptyTest(), sample: true }]);
  const [unpaired, setUnpaired] = useState<string[]>([]);

  const created = (create.error as { createdProblem?: ProblemListItem } | null)?.createdProblem;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem: AuthoredProblem = {
      title: title.trim(),
      statement,
      timeLimitMs,
      memoryMb,
      checker: checkerOf(checker, tolerance, checkerSource, checkerLanguage),
    };
    const filled = tests.filter((t) => t.input !== '' || t.answer !== '');
    create.mutate(
      { problem, tests: filled },
      {
        // The tests added show on the problem's page, which lists them all.
        onSuccess: ({ problem: made }) => void navigate(`/admin/problems/${made.id}`),
      },
    );
  };

  const addFiles = (files: FileList | null) => {
    const { tests: paired, unpaired: rest } = pairTestFiles([...(files ?? [])]);
    setTests((current) => [...current.filter((t) => t.input !== '' || t.answer !== ''), ...paired]);
    setUnpaired(rest);
  };

  return (
    <section className="card" aria-labelledby="write-heading">
      <h2 id="write-heading">Write a problem</h2>
      <form className="form" onSubmit={submit} aria-label="Write a problem">
        <label className="field">
          <span>Title</span>
          <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <div className="statement-editor">
          <label className="field">
            <span>Statement (Markdown, math in $…$)</span>
            <textarea className="mono" rows={16} value={statement} onChange={(e) => setStatement(e.target.value)} />
          </label>
          <div className="field">
            <span>Preview</span>
            <div className="preview">
              <Statement source={preview} label="Statement preview" />
            </div>
          </div>
        </div>
        <div className="row">
          <label className="field field-inline">
            <span>Time limit (ms)</span>
            <input
              type="number"
              min={100}
              max={60000}
              step={100}
              required
              value={timeLimitMs}
              onChange={(e) => setTimeLimitMs(Number(e.target.value))}
            />
          </label>
          <label className="field field-inline">
            <span>Memory limit (MB)</span>
            <input
              type="number"
              min={16}
              max={4096}
              required
              value={memoryMb}
              onChange={(e) => setMemoryMb(Number(e.target.value))}
            />
          </label>
        </div>
        <fieldset>
          <legend>Checker</legend>
          <label className="check">
            <input type="radio" name="checker" checked={checker === 'default'} onChange={() => setChecker('default')} />
            <span>Exact tokens (whitespace-insensitive)</span>
          </label>
          <label className="check">
            <input type="radio" name="checker" checked={checker === 'float'} onChange={() => setChecker('float')} />
            <span>Numbers within a tolerance</span>
          </label>
          {checker === 'float' && (
            <label className="field field-inline nested">
              <span>Tolerance</span>
              <input value={tolerance} pattern="[0-9.eE+\-]+" onChange={(e) => setTolerance(e.target.value)} />
            </label>
          )}
          <label className="check">
            <input type="radio" name="checker" checked={checker === 'custom'} onChange={() => setChecker('custom')} />
            <span>Custom checker (an output validator)</span>
          </label>
          {checker === 'custom' && (
            <div className="nested">
              <label className="field field-inline">
                <span>Checker language</span>
                <select
                  value={checkerLanguage}
                  onChange={(e) => setCheckerLanguage(e.target.value as 'c' | 'cpp' | 'python')}
                >
                  <option value="cpp">C++</option>
                  <option value="c">C</option>
                  <option value="python">Python</option>
                </select>
              </label>
              <label className="field">
                <span>Checker source</span>
                <textarea
                  className="mono"
                  rows={10}
                  required
                  value={checkerSource}
                  onChange={(e) => setCheckerSource(e.target.value)}
                />
              </label>
              <label className="file-link">
                <span>or load it from a file</span>
                <input
                  type="file"
                  aria-label="Checker file"
                  accept=".c,.cc,.cpp,.py"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) void file.text().then(setCheckerSource);
                  }}
                />
              </label>
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>Tests</legend>
          {tests.length === 0 && <p className="hint">No tests yet: add some now or after creating the problem.</p>}
          {tests.map((test, i) => (
            <div className="test-draft" key={i} aria-label={`Test ${i + 1}`} role="group">
              <div className="test-draft-head">
                <strong>Test {i + 1}</strong>
                <button
                  type="button"
                  className="button-small"
                  onClick={() => setTests((current) => current.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </div>
              <TestFields
                value={test}
                onChange={(next) => setTests((current) => current.map((t, j) => (j === i ? next : t)))}
              />
            </div>
          ))}
          <div className="row">
            <button type="button" onClick={() => setTests((current) => [...current, emptyTest()])}>
              Add a test
            </button>
            <label className="file-button">
              <span>Add test files…</span>
              <input
                type="file"
                multiple
                aria-label="Test files (.in and .ans pairs)"
                onChange={(e) => {
                  addFiles(e.target.files);
                  e.target.value = '';
                }}
              />
            </label>
          </div>
          {unpaired.length > 0 && (
            <div className="alert alert-info" role="status">
              Left out (no matching .in / .ans): {unpaired.join(', ')}
            </div>
          )}
        </fieldset>
        <ErrorMessage
          error={create.error}
          title={created ? 'The problem was created, but a test was refused' : 'Not created'}
        />
        {created && <Created problem={created} />}
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create problem'}
        </button>
      </form>
    </section>
  );
}

/** For setters: a new problem from a package zip, or written here. */
export function NewProblemPage() {
  return (
    <div className="page">
      <h1>New problem</h1>
      <UploadSection />
      <WriteSection />
    </div>
  );
}
