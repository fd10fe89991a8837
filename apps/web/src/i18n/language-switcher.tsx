import { useLocale, useT } from './i18n-provider';
import { isLocale, LOCALE_NAMES, LOCALES } from './locales';

/** The header's language menu: each language named in itself, the choice kept for later visits. */
export function LanguageSwitcher() {
  const { locale, setLocale } = useLocale();
  const t = useT();
  return (
    <select
      className="language-switcher"
      aria-label={t('common.language')}
      value={locale}
      onChange={(event) => {
        if (isLocale(event.target.value)) setLocale(event.target.value);
      }}
    >
      {LOCALES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LOCALE_NAMES[code]}
        </option>
      ))}
    </select>
  );
}
