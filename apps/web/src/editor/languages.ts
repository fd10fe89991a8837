import type { Extension } from '@codemirror/state';

/**
 * Syntax highlighting per judge language id (libs/judge/languages.yaml), each loaded on first use.
 * Kotlin has no CodeMirror 6 package here: Java's grammar is close enough for its highlighting.
 */
const loaders: Record<string, () => Promise<Extension>> = {
  c: () => import('@codemirror/lang-cpp').then((m) => m.cpp()),
  cpp: () => import('@codemirror/lang-cpp').then((m) => m.cpp()),
  python: () => import('@codemirror/lang-python').then((m) => m.python()),
  java: () => import('@codemirror/lang-java').then((m) => m.java()),
  kotlin: () => import('@codemirror/lang-java').then((m) => m.java()),
  javascript: () => import('@codemirror/lang-javascript').then((m) => m.javascript()),
  typescript: () => import('@codemirror/lang-javascript').then((m) => m.javascript({ typescript: true })),
  rust: () => import('@codemirror/lang-rust').then((m) => m.rust()),
  go: () => import('@codemirror/lang-go').then((m) => m.go()),
};

export async function languageSupport(id: string): Promise<Extension> {
  const loader = loaders[id] ?? loaders[id.replace(/[0-9.+-]+$/, '')];
  return loader ? loader() : [];
}
