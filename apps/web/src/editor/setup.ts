import {
  Annotation,
  ChangeSet,
  countColumn,
  EditorSelection,
  EditorState,
  StateField,
  Transaction,
  type Extension,
  type StateCommand,
} from '@codemirror/state';
import {
  crosshairCursor,
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  getIndentation,
  IndentContext,
  indentOnInput,
  indentString,
  indentUnit,
  syntaxHighlighting,
} from '@codemirror/language';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';

/*
 * The editor's setup, from the CodeMirror 6 packages installed. The `codemirror` package the workspace
 * resolves (6.65.7) is a CodeMirror 5 build, so its `basicSetup` and the @codemirror/commands it would
 * bring are missing: undo history, Enter with indentation and Tab indentation are written here, small.
 */

// Undo history: the inverse of each change (typing within half a second is one step).
interface Step {
  changes: ChangeSet;
  selection: EditorSelection;
  time: number;
  typing: boolean;
}

interface History {
  done: Step[];
  undone: Step[];
}

const setHistory = Annotation.define<History>();
const MAX_STEPS = 300;

const history = StateField.define<History>({
  create: () => ({ done: [], undone: [] }),
  update(value, tr) {
    const set = tr.annotation(setHistory);
    if (set) return set;
    if (!tr.docChanged) return value;
    const time = tr.annotation(Transaction.time) ?? Date.now();
    const typing = tr.isUserEvent('input.type') || tr.isUserEvent('delete');
    const inverse = tr.changes.invert(tr.startState.doc);
    const last = value.done[value.done.length - 1];
    if (last && typing && last.typing && time - last.time < 500) {
      const merged: Step = { changes: inverse.compose(last.changes), selection: last.selection, time, typing };
      return { done: [...value.done.slice(0, -1), merged], undone: [] };
    }
    const step: Step = { changes: inverse, selection: tr.startState.selection, time, typing };
    return { done: [...value.done, step].slice(-MAX_STEPS), undone: [] };
  },
});

function travel(from: 'done' | 'undone'): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    const current = state.field(history);
    const step = current[from][current[from].length - 1];
    if (!step) return false;
    const back: Step = { changes: step.changes.invert(state.doc), selection: state.selection, time: 0, typing: false };
    const next: History =
      from === 'done'
        ? { done: current.done.slice(0, -1), undone: [...current.undone, back] }
        : { done: [...current.done, back], undone: current.undone.slice(0, -1) };
    dispatch(
      state.update({
        changes: step.changes,
        selection: step.selection,
        annotations: [setHistory.of(next), Transaction.userEvent.of(from === 'done' ? 'undo' : 'redo')],
        scrollIntoView: true,
      }),
    );
    return true;
  };
}

const undo = travel('done');
const redo = travel('undone');

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

const leadingSpace = (text: string) => /^\s*/.exec(text)![0];

/** Enter: a new line indented as the language says (or as the line above), opening `{|}` onto three lines. */
const newlineAndIndent: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  const tr = state.changeByRange((range) => {
    const line = state.doc.lineAt(range.from);
    const explode =
      range.empty && CLOSERS[state.sliceDoc(range.from - 1, range.from)] === state.sliceDoc(range.to, range.to + 1);
    // Asks the language for the indentation as if the line were already broken at the cursor.
    const context = new IndentContext(state, { simulateBreak: range.from, simulateDoubleBreak: explode });
    const columns = getIndentation(context, range.from) ?? countColumn(leadingSpace(line.text), state.tabSize);
    const indent = indentString(state, columns);
    if (explode) {
      const insert = `\n${indent}\n${leadingSpace(line.text)}`;
      return { changes: { from: range.from, insert }, range: EditorSelection.cursor(range.from + 1 + indent.length) };
    }
    const insert = `\n${indent}`;
    return {
      changes: { from: range.from, to: range.to, insert },
      range: EditorSelection.cursor(range.from + insert.length),
    };
  });
  dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input' }));
  return true;
};

function selectedLines(state: EditorState): number[] {
  const lines = new Set<number>();
  for (const range of state.selection.ranges) {
    const last = state.doc.lineAt(range.to).number;
    for (let n = state.doc.lineAt(range.from).number; n <= last; n++) lines.add(n);
  }
  return [...lines];
}

const indentMore: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  const unit = state.facet(indentUnit);
  if (state.selection.ranges.every((r) => r.empty)) {
    dispatch(state.update(state.replaceSelection(unit), { userEvent: 'input' }));
    return true;
  }
  const changes = selectedLines(state).map((n) => ({ from: state.doc.line(n).from, insert: unit }));
  dispatch(state.update({ changes, userEvent: 'input.indent' }));
  return true;
};

const indentLess: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  const width = state.facet(indentUnit).length;
  const changes = selectedLines(state).flatMap((n) => {
    const line = state.doc.line(n);
    const remove = Math.min(width, leadingSpace(line.text).length);
    return remove > 0 ? [{ from: line.from, to: line.from + remove }] : [];
  });
  if (changes.length > 0) dispatch(state.update({ changes, userEvent: 'delete.dedent' }));
  return true;
};

const selectAll: StateCommand = ({ state, dispatch }) => {
  dispatch(state.update({ selection: { anchor: 0, head: state.doc.length }, userEvent: 'select' }));
  return true;
};

/** Tab indents; Escape then Tab leaves the editor, so that keyboard users are not trapped in it. */
function tabKeys(): Extension {
  let escaped = false;
  const unlessEscaped =
    (command: StateCommand): StateCommand =>
    (target) => {
      if (escaped) {
        escaped = false;
        return false;
      }
      return command(target);
    };
  return [
    EditorView.domEventHandlers({
      keydown(event) {
        if (event.key === 'Escape') escaped = true;
        else if (event.key !== 'Tab') escaped = false;
        return false;
      },
    }),
    keymap.of([{ key: 'Tab', run: unlessEscaped(indentMore), shift: unlessEscaped(indentLess) }]),
  ];
}

export function editorSetup(): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    indentUnit.of('    '),
    highlightSpecialChars(),
    history,
    foldGutter(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    tabKeys(),
    keymap.of([
      ...closeBracketsKeymap,
      ...completionKeymap,
      ...foldKeymap,
      { key: 'Enter', run: newlineAndIndent },
      { key: 'Mod-z', run: undo, preventDefault: true },
      { key: 'Mod-y', run: redo, preventDefault: true },
      { key: 'Mod-Shift-z', run: redo, preventDefault: true },
      { key: 'Mod-a', run: selectAll },
    ]),
  ];
}
