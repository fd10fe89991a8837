import { useCallback, useState } from 'react';

/** Unsent sources, one per problem and language, kept in localStorage across reloads. */
export const draftKey = (problemId: string, language: string) => `judge.draft:${problemId}:${language}`;

export function loadDraft(problemId: string, language: string): string {
  try {
    return localStorage.getItem(draftKey(problemId, language)) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(problemId: string, language: string, source: string): void {
  try {
    if (source === '') localStorage.removeItem(draftKey(problemId, language));
    else localStorage.setItem(draftKey(problemId, language), source);
  } catch {
    // Storage full or disabled: the draft lives only in the page.
  }
}

/** The draft of a problem in a language; switching either shows that pair's own draft. */
export function useDraft(problemId: string, language: string): [string, (source: string) => void] {
  const key = draftKey(problemId, language);
  const [draft, setDraft] = useState(() => ({ key, source: loadDraft(problemId, language) }));
  let current = draft;
  if (draft.key !== key) {
    // Adjusting state to new props while rendering, as React documents, rather than in an effect.
    current = { key, source: loadDraft(problemId, language) };
    setDraft(current);
  }
  const setSource = useCallback(
    (source: string) => {
      saveDraft(problemId, language, source);
      setDraft({ key: draftKey(problemId, language), source });
    },
    [problemId, language],
  );
  return [current.source, setSource];
}

const LANGUAGE_KEY = 'judge.language';

/** The language last chosen, offered first on every problem. */
export function preferredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

export function setPreferredLanguage(language: string): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Not kept: the first language is offered next time.
  }
}
