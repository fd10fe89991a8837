import { useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { clearSession, isStaff } from '../auth/session';
import { useSession } from '../auth/use-session';
import { ThemeToggle } from '../components/theme-toggle';
import { useT } from '../i18n/i18n-provider';
import { LanguageSwitcher } from '../i18n/language-switcher';

/** The frame of every page: navigation by role, the language and theme, who is signed in and log out. */
export function Layout() {
  const user = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const t = useT();

  const logOut = () => {
    clearSession();
    client.clear();
    void navigate('/login');
  };

  return (
    <>
      <header className="site-header">
        <Link to="/" className="brand">
          {t('nav.brand')}
        </Link>
        {user && (
          <nav aria-label={t('nav.main')}>
            <NavLink to="/problems">{t('nav.problems')}</NavLink>
            <NavLink to="/contests">{t('nav.contests')}</NavLink>
            <NavLink to="/submissions" end>
              {t('nav.mySubmissions')}
            </NavLink>
            <NavLink to="/courses">{t('nav.courses')}</NavLink>
            <NavLink to="/playground">{t('nav.playground')}</NavLink>
            {isStaff(user) && (
              <>
                <NavLink to="/admin/submissions">{t('nav.allSubmissions')}</NavLink>
                <NavLink to="/admin/problems/new">{t('nav.newProblem')}</NavLink>
              </>
            )}
            {user.role === 'admin' && <NavLink to="/admin/users">{t('nav.users')}</NavLink>}
            {user.role === 'admin' && <NavLink to="/admin/security-events">{t('nav.securityEvents')}</NavLink>}
            {user.role === 'admin' && <NavLink to="/admin/webhooks">{t('nav.webhooks')}</NavLink>}
            {user.role === 'admin' && <NavLink to="/admin/runners">{t('nav.runners')}</NavLink>}
            {user.role === 'admin' && <NavLink to="/admin/audit">{t('nav.audit')}</NavLink>}
            {user.role === 'admin' && <NavLink to="/admin/organizations">{t('nav.organizations')}</NavLink>}
          </nav>
        )}
        <div className="header-end">
          <LanguageSwitcher />
          <ThemeToggle />
          {user ? (
            <>
              <span className="who" title={t('nav.roleTitle', { role: t(`common.role.${user.role}`) })}>
                {user.username ? (
                  <Link to={`/users/${encodeURIComponent(user.username)}`} title={t('nav.profile')}>
                    {user.username}
                  </Link>
                ) : (
                  t('nav.signedIn')
                )}{' '}
                <span className="role">{t(`common.role.${user.role}`)}</span>
              </span>
              <NavLink to="/settings/tokens">{t('nav.tokens')}</NavLink>
              <button type="button" className="button-small" onClick={logOut}>
                {t('nav.logOut')}
              </button>
            </>
          ) : (
            <NavLink to="/login">{t('nav.logIn')}</NavLink>
          )}
        </div>
      </header>
      <main className="site-main">
        <Outlet />
      </main>
    </>
  );
}
