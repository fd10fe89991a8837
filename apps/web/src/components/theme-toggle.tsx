import { useT } from '../i18n/i18n-provider';
import { setTheme, useTheme } from '../theme';

export function ThemeToggle() {
  const theme = useTheme();
  const t = useT();
  const next = theme === 'dark' ? 'light' : 'dark';
  const label = t(next === 'dark' ? 'common.theme.toDark' : 'common.theme.toLight');
  return (
    <button type="button" className="theme-toggle" aria-label={label} title={label} onClick={() => setTheme(next)}>
      {theme === 'dark' ? '☀' : '☾'}
    </button>
  );
}
