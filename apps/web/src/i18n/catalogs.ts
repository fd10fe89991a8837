import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales';

/**
 * The message catalogs: catalogs/<locale>/<area>.json, one flat map of ICU messages per area (its keys start with
 * "<area>."), so that pages of different areas are translated without touching each other's files. Vite bundles
 * them all; the three languages together are small next to the editor.
 */
const files = import.meta.glob<Record<string, string>>('./catalogs/*/*.json', { eager: true, import: 'default' });

export type Catalog = Record<string, string>;

/** Every catalog file, by locale and area: what the catalog spec checks. */
export function catalogFiles(): { locale: string; area: string; messages: Catalog }[] {
  return Object.entries(files).map(([path, messages]) => {
    const [, , locale, file] = path.split('/');
    return { locale: locale, area: file.replace(/\.json$/, ''), messages };
  });
}

function merge(locale: Locale): Catalog {
  const catalog: Catalog = {};
  for (const file of catalogFiles()) if (file.locale === locale) Object.assign(catalog, file.messages);
  return catalog;
}

export const CATALOGS: Record<Locale, Catalog> = Object.fromEntries(
  LOCALES.map((locale) => [locale, merge(locale)]),
) as Record<Locale, Catalog>;

export const ENGLISH = CATALOGS[DEFAULT_LOCALE];
