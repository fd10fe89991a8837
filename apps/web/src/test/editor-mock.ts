import { createElement } from 'react';
import type { EditorProps } from '../editor/lazy-editor';

/** CodeMirror stands aside in component tests (jsdom lays nothing out): a text area with the same props. */
export default function MockEditor({ value, onChange, label, readOnly }: EditorProps) {
  if (readOnly) return createElement('pre', { 'aria-label': label }, value);
  return createElement('textarea', {
    'aria-label': label,
    value,
    onChange: (event: { target: { value: string } }) => onChange?.(event.target.value),
  });
}
