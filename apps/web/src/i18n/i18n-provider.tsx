import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { CATALOGS, ENGLISH } from './catalogs';
import { initialLocale, storeLocale, type Locale } from './locales';
import { setActiveLocale } from './active-locale';

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

/**
 * The chosen language for everything below: messages from its catalog (English for a key it lacks, which the
 * catalog spec forbids), dates and numbers in its conventions, and <html lang>.
 */
export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setState] = useState<Locale>(() => fixed ?? initialLocale());
  // Set before the children render, so the plain formatting helpers of format.ts read the same language.
  setActiveLocale(locale);

  useLayoutEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setState(next);
  }, []);
  const state = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  const messages = useMemo(() => ({ ...ENGLISH, ...CATALOGS[locale] }), [locale]);

  return (
    <LocaleContext.Provider value={state}>
      <IntlProvider locale={locale} defaultLocale="en" messages={messages} onError={reportMissing}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

function reportMissing(error: { code?: string; message: string }): void {
  // A missing translation falls back to English; the catalog spec is where that is caught, not the console.
  if (error.code === 'MISSING_TRANSLATION') return;
  console.error(error.message);
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside I18nProvider');
  return state;
}

/** The values a plain-text message takes: numbers (for plurals), strings, dates. */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

export type Translate = (id: string, values?: MessageValues) => string;

/**
 * t(id, values): the message `id` (such as nav.problems) of the chosen language as a string, ICU syntax (plurals,
 * select, numbers). For messages with markup use <FormattedMessage> from react-intl.
 */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((id, values) => intl.formatMessage({ id }, values), [intl]);
}
