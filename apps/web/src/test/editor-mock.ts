import { createElement } from 'react';
import type { EditorProps } from '../editor/lazy-editor';

/**
 * CodeMirror stands aside in component tests (jsdom lays nothing out): a text area with the same props, the
 * highlighting it was given in `data-mode`.
 */
export default function MockEditor({ value, onChange, label, readOnly, mode }: EditorProps) {
  if (readOnly) return createElement('pre', { 'aria-label': label, 'data-mode': mode }, value);
  return createElement('textarea', {
    'aria-label': label,
    'data-mode': mode,
    value,
    onChange: (event: { target: { value: string } }) => onChange?.(event.target.value),
  });
}
