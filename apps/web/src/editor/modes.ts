import type { Extension } from '@codemirror/state';
import type { EditorMode } from '@judge/contract';

/**
 * The grammar of each editor mode, loaded on first use. Which mode a language uses is part of its definition
 * (`editor` in libs/judge/languages.yaml, given by GET /api/languages), not of this file: a new language
 * needs a new entry here only if no existing grammar suits it (and then a new name in EDITOR_MODES).
 */
const loaders: Record<EditorMode, () => Promise<Extension>> = {
  plain: () => Promise.resolve([]),
  cpp: () => import('@codemirror/lang-cpp').then((m) => m.cpp()),
  python: () => import('@codemirror/lang-python').then((m) => m.python()),
  java: () => import('@codemirror/lang-java').then((m) => m.java()),
  javascript: () => import('@codemirror/lang-javascript').then((m) => m.javascript()),
  typescript: () => import('@codemirror/lang-javascript').then((m) => m.javascript({ typescript: true })),
  rust: () => import('@codemirror/lang-rust').then((m) => m.rust()),
  go: () => import('@codemirror/lang-go').then((m) => m.go()),
};

/** The highlighting of a mode; none (an empty extension) for `plain` or a name this build does not know. */
export async function modeSupport(mode: EditorMode): Promise<Extension> {
  const loader = Object.hasOwn(loaders, mode) ? loaders[mode] : undefined;
  return loader ? loader() : [];
}
