import { DEFAULT_LOCALE, type Locale } from './locales';

/*
 * The language the plain formatting helpers (format.ts: times, memory, dates) use. The provider sets it before its
 * children render and re-renders them all on a change, so a helper called while rendering always agrees with the
 * messages around it, without every call site threading a locale through.
 */
let active: Locale = DEFAULT_LOCALE;

export function setActiveLocale(locale: Locale): void {
  active = locale;
}

export function activeLocale(): Locale {
  return active;
}
