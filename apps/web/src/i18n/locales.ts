/** The languages the web UI speaks, and how the one a visitor sees is chosen. */

export const LOCALES = ['en', 'zh-CN', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's name in itself, as the switcher lists them. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文', es: 'Español' };

const STORAGE_KEY = 'judge.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first of the browser's preferred languages we have, matched on the language part ("es-MX" → es, "zh-Hans-CN"
 * or "zh" → zh-CN); English when none is ours.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    const exact = LOCALES.find((locale) => locale.toLowerCase() === lower);
    if (exact) return exact;
    const language = lower.split('-')[0];
    // Traditional Chinese readers are better served by English than by Simplified characters they may not read.
    if (language === 'zh' && /-(hant|tw|hk|mo)\b/.test(lower)) continue;
    const match = LOCALES.find((locale) => locale.toLowerCase().split('-')[0] === language);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/** The visitor's choice from the switcher, else the browser's preference (the first visit). */
export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage refused (private mode): fall back to the browser's preference.
  }
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return pickLocale(preferred.filter(Boolean));
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // The choice then lasts for this page only.
  }
}
