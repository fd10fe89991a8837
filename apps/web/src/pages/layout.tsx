import { useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { clearSession, isStaff } from '../auth/session';
import { useSession } from '../auth/use-session';
import { ThemeToggle } from '../components/theme-toggle';

/** The frame of every page: navigation by role, the theme toggle, who is signed in and log out. */
export function Layout() {
  const user = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();

  const logOut = () => {
    clearSession();
    client.clear();
    void navigate('/login');
  };

  return (
    <>
      <header className="site-header">
        <Link to="/" className="brand">
          Judge
        </Link>
        {user && (
          <nav aria-label="Main">
            <NavLink to="/problems">Problems</NavLink>
            <NavLink to="/contests">Contests</NavLink>
            <NavLink to="/submissions" end>
              My submissions
            </NavLink>
            <NavLink to="/courses">Courses</NavLink>
            {isStaff(user) && (
              <>
                <NavLink to="/admin/submissions">All submissions</NavLink>
                <NavLink to="/admin/problems/new">New problem</NavLink>
              </>
            )}
            {user.role === 'admin' && <NavLink to="/admin/users">Users</NavLink>}
            {user.role === 'admin' && <NavLink to="/admin/security-events">Security events</NavLink>}
          </nav>
        )}
        <div className="header-end">
          <ThemeToggle />
          {user ? (
            <>
              <span className="who" title={`Role: ${user.role}`}>
                {user.username ?? 'Signed in'} <span className="role">{user.role}</span>
              </span>
              <button type="button" className="button-small" onClick={logOut}>
                Log out
              </button>
            </>
          ) : (
            <NavLink to="/login">Log in</NavLink>
          )}
        </div>
      </header>
      <main className="site-main">
        <Outlet />
      </main>
    </>
  );
}
