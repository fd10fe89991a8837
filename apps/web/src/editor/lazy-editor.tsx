import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { EditorMode } from '@judge/contract';
import { useTheme } from '../theme';

export interface EditorProps {
  value: string;
  onChange?: (value: string) => void;
  /** The highlighting: the `editor` of the source's language (see useEditorMode). */
  mode: EditorMode;
  dark: boolean;
  readOnly?: boolean;
  /** Ctrl+Enter (Cmd+Enter on a Mac). */
  onSubmit?: () => void;
  /** Ctrl+' (Cmd+' on a Mac), as LeetCode's Run: runs the program on the custom input. */
  onRun?: () => void;
  /** Accessible name of the text area. */
  label: string;
}

// CodeMirror is a chunk of its own, loaded when a page first shows an editor: not in the first page load.
const CodeEditor = lazy(() => import('./code-editor'));

/** A plain text area: while CodeMirror loads, and if it cannot load. */
function PlainEditor({ value, onChange, readOnly, label }: EditorProps) {
  if (readOnly)
    return (
      <pre className="plain-source" aria-label={label}>
        {value}
      </pre>
    );
  return (
    <textarea
      className="plain-editor"
      aria-label={label}
      value={value}
      spellCheck={false}
      onChange={(event) => onChange?.(event.target.value)}
    />
  );
}

class EditorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The code editor, loaded lazily; `testId` names its container for browser tests. */
export function Editor(props: Omit<EditorProps, 'dark'> & { testId?: string }) {
  const dark = useTheme() === 'dark';
  const { testId, ...rest } = props;
  const all: EditorProps = { ...rest, dark };
  const plain = <PlainEditor {...all} />;
  return (
    <div className="editor-frame" data-testid={testId}>
      <EditorBoundary fallback={plain}>
        <Suspense fallback={plain}>
          <CodeEditor {...all} />
        </Suspense>
      </EditorBoundary>
    </div>
  );
}
