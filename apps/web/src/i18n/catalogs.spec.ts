import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogFiles, CATALOGS, ENGLISH } from './catalogs';
import { LOCALES, pickLocale } from './locales';

/** The names a message takes as arguments ({count}, {name}, tags), which every translation must take too. */
function argumentsOf(elements: MessageFormatElement[], names = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    names.add(element.value);
    if (element.type === TYPE.tag) argumentsOf(element.children, names);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, names);
    }
  }
  return names;
}

const sorted = (set: Set<string>) => [...set].sort();

describe('message catalogs', () => {
  it('has every key English has in every language, and none English lacks', () => {
    const english = Object.keys(ENGLISH).sort();
    expect(english.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const keys = Object.keys(CATALOGS[locale]);
      expect({ locale, missing: english.filter((key) => !(key in CATALOGS[locale])) }).toEqual({ locale, missing: [] });
      expect({ locale, extra: keys.filter((key) => !(key in ENGLISH)) }).toEqual({ locale, extra: [] });
    }
  });

  it('keeps each key in the file of its area, once', () => {
    const seen = new Map<string, string>();
    for (const { locale, area, messages } of catalogFiles()) {
      for (const key of Object.keys(messages)) {
        expect(key.startsWith(`${area}.`), `${locale}/${area}.json: ${key}`).toBe(true);
        const where = `${locale}/${area}`;
        const other = seen.get(`${locale} ${key}`);
        expect(other, `${key} in ${where} and ${other}`).toBeUndefined();
        seen.set(`${locale} ${key}`, where);
      }
    }
  });

  it('parses every message, and each translation takes the arguments English takes', () => {
    for (const [key, message] of Object.entries(ENGLISH)) {
      const expected = sorted(argumentsOf(parse(message)));
      for (const locale of LOCALES) {
        const translated = CATALOGS[locale][key];
        if (translated === undefined) continue;
        expect({ locale, key, args: sorted(argumentsOf(parse(translated))) }).toEqual({ locale, key, args: expected });
      }
    }
  });

  it('has an English message for every message id the source uses', () => {
    const root = join(__dirname, '..');
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name)) {
          const source = readFileSync(path, 'utf8');
          // t('area.key'…), <FormattedMessage id="area.key" …>, { id: 'area.key' }
          for (const match of source.matchAll(/\b(?:t\(|id=|id:\s*)['"]([a-z][\w-]*\.[\w.-]+)['"]/g)) {
            used.add(match[1]);
          }
        }
      }
    };
    walk(root);
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((id) => !(id in ENGLISH))).toEqual([]);
  });
});

describe('pickLocale', () => {
  it('follows the first preferred language the UI speaks', () => {
    expect(pickLocale(['fr-FR', 'es-MX', 'en'])).toBe('es');
    expect(pickLocale(['zh-CN'])).toBe('zh-CN');
    expect(pickLocale(['zh'])).toBe('zh-CN');
    expect(pickLocale(['zh-TW', 'en-US'])).toBe('en');
    expect(pickLocale(['de'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
