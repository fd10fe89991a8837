import { useEffect, useRef } from 'react';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { oneDark } from '@codemirror/theme-one-dark';
import { modeSupport } from './modes';
import { editorSetup } from './setup';
import type { EditorProps } from './lazy-editor';

const editable = (readOnly: boolean): Extension => [
  EditorState.readOnly.of(readOnly),
  EditorView.editable.of(!readOnly),
];

/**
 * CodeMirror 6 for a source: highlighting for its language, the page's theme, Ctrl/Cmd+Enter to submit and
 * Ctrl/Cmd+' to run.
 */
export default function CodeEditor({
  value,
  onChange,
  mode,
  dark,
  readOnly = false,
  onSubmit,
  onRun,
  label,
}: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const compartments = useRef({ language: new Compartment(), theme: new Compartment(), readOnly: new Compartment() });
  // The latest callbacks, read by the editor's listeners (which are made once).
  const callbacks = useRef({ onChange, onSubmit, onRun });
  useEffect(() => {
    callbacks.current = { onChange, onSubmit, onRun };
  }, [onChange, onSubmit, onRun]);

  // Made once; the effects below reconfigure it. `value` etc. are the initial state here.
  useEffect(() => {
    const c = compartments.current;
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  if (!callbacks.current.onSubmit) return false;
                  callbacks.current.onSubmit();
                  return true;
                },
              },
              {
                key: "Mod-'",
                run: () => {
                  if (!callbacks.current.onRun) return false;
                  callbacks.current.onRun();
                  return true;
                },
              },
            ]),
          ),
          editorSetup(),
          EditorView.lineWrapping,
          c.language.of([]),
          c.theme.of(dark ? oneDark : []),
          c.readOnly.of(editable(readOnly)),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  // A value set from outside (another language's draft, an uploaded file) replaces the text.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    let cancelled = false;
    void modeSupport(mode).then((support) => {
      if (!cancelled) view.current?.dispatch({ effects: compartments.current.language.reconfigure(support) });
    });
    return () => {
      cancelled = true;
    };
  }, [mode]);

  useEffect(() => {
    view.current?.dispatch({ effects: compartments.current.theme.reconfigure(dark ? oneDark : []) });
  }, [dark]);

  useEffect(() => {
    view.current?.dispatch({ effects: compartments.current.readOnly.reconfigure(editable(readOnly)) });
  }, [readOnly]);

  return <div ref={host} className={readOnly ? 'code-editor read-only' : 'code-editor'} />;
}
