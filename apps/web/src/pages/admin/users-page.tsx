import { useState, type FormEvent } from 'react';
import type { Role, UserView } from '@judge/contract';
import { useCreateUser, useUpdateUser, useUsers } from '../../api/hooks';
import { useSession } from '../../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { AccountImportPanel } from '../../components/account-import-panel';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';

/** Contestants take part; teachers run their courses; setters manage problems and contests; admins everything. */
const ROLES: Role[] = ['contestant', 'teacher', 'setter', 'admin'];

/** What each role may do, shown under the role choice. */
function RoleHelp() {
  const t = useT();
  return (
    <ul className="hint role-help">
      {ROLES.map((r) => (
        <li key={r}>
          <strong>{t(`common.role.${r}`)}</strong>: {t(`admin.users.roleHelp.${r}`)}
        </li>
      ))}
    </ul>
  );
}

function RoleOptions() {
  const t = useT();
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`common.role.${r}`)}
        </option>
      ))}
    </>
  );
}

/**
 * Whether the account may log in: its state in words (Enabled / Disabled), and a button that says what it does
 * (Disable / Enable), rather than a checkbox whose checked state could mean either.
 */
function AccountState({ user, self }: { user: UserView; self: boolean }) {
  const t = useT();
  const update = useUpdateUser();
  return (
    <div className="row">
      <span className={`status-pill ${user.disabled ? 'is-disabled' : 'is-enabled'}`}>
        {user.disabled ? t('admin.users.disabled') : t('admin.users.enabled')}
      </span>
      <button
        type="button"
        className={`button-small${user.disabled ? '' : ' button-danger'}`}
        aria-label={
          user.disabled
            ? t('admin.users.enableUser', { username: user.username })
            : t('admin.users.disableUser', { username: user.username })
        }
        title={self ? t('admin.users.notYourself') : undefined}
        disabled={update.isPending || self}
        onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
      >
        {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
      </button>
      {update.error ? (
        <ErrorMessage error={update.error} title={t('admin.users.notChanged', { username: user.username })} />
      ) : null}
    </div>
  );
}

/**
 * Whether the user may submit, and how often: blocked (403 USER_BLOCKED), a rate limit of their own (a number a
 * minute), or the judge's default (left empty).
 */
function SubmittingCell({ user, self }: { user: UserView; self: boolean }) {
  const t = useT();
  const update = useUpdateUser();
  const [limit, setLimit] = useState(user.submissionsPerMinute?.toString() ?? '');
  const saved = user.submissionsPerMinute?.toString() ?? '';
  return (
    <div className="row">
      <label className="check">
        <input
          type="checkbox"
          aria-label={t('admin.users.blockedOf', { username: user.username })}
          checked={user.blocked}
          disabled={update.isPending || self}
          onChange={(e) => update.mutate({ id: user.id, blocked: e.target.checked })}
        />
        <span>{user.blocked ? t('admin.users.blocked') : t('admin.users.allowed')}</span>
      </label>
      <form
        className="row"
        aria-label={t('admin.users.rateLimitOf', { username: user.username })}
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ id: user.id, submissionsPerMinute: limit.trim() === '' ? null : Number(limit) });
        }}
      >
        <label className="field field-inline">
          <span>{t('admin.users.perMinute')}</span>
          <input
            type="number"
            min={1}
            step={1}
            placeholder={t('admin.users.default')}
            aria-label={t('admin.users.perMinuteOf', { username: user.username })}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
          />
        </label>
        {limit !== saved && (
          <button type="submit" className="button-small" disabled={update.isPending}>
            {t('admin.users.set')}
          </button>
        )}
      </form>
      {update.error ? (
        <ErrorMessage error={update.error} title={t('admin.users.notChanged', { username: user.username })} />
      ) : null}
    </div>
  );
}

function UserRow({ user, self }: { user: UserView; self: boolean }) {
  const t = useT();
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const [resetting, setResetting] = useState(false);

  return (
    <>
      <tr className={user.disabled ? 'disabled' : undefined}>
        <td>
          {user.username}
          {self && <span className="muted"> {t('admin.users.you')}</span>}
          {(user.displayName || user.email) && (
            <div className="muted">{[user.displayName, user.email].filter(Boolean).join(' · ')}</div>
          )}
        </td>
        <td>
          <select
            aria-label={t('admin.users.roleOf', { username: user.username })}
            value={user.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ id: user.id, role: e.target.value as Role })}
          >
            <RoleOptions />
          </select>
        </td>
        <td>
          <AccountState user={user} self={self} />
        </td>
        <td>
          <SubmittingCell user={user} self={self} />
        </td>
        <td>{formatDate(user.createdAt)}</td>
        <td>
          <button type="button" className="button-small" onClick={() => setResetting(!resetting)}>
            {resetting ? t('admin.cancel') : t('admin.users.setPassword')}
          </button>
        </td>
      </tr>
      {resetting && (
        <tr>
          <td colSpan={6}>
            <form
              className="row"
              aria-label={t('admin.users.newPasswordOf', { username: user.username })}
              onSubmit={(event) => {
                event.preventDefault();
                update.mutate(
                  { id: user.id, password },
                  {
                    onSuccess: () => {
                      setPassword('');
                      setResetting(false);
                    },
                  },
                );
              }}
            >
              <label className="field field-inline">
                <span>{t('admin.users.newPassword')}</span>
                <input
                  type="password"
                  autoComplete="new-password"
                  minLength={8}
                  required
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              </label>
              <button type="submit" disabled={update.isPending}>
                {t('admin.save')}
              </button>
            </form>
          </td>
        </tr>
      )}
      {update.error ? (
        <tr>
          <td colSpan={6}>
            <ErrorMessage error={update.error} title={t('admin.users.notChanged', { username: user.username })} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function CreateUser() {
  const t = useT();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('contestant');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { username: username.trim(), password, role },
      {
        // Every field back to its start, the role too: the next account is not an admin by accident.
        onSuccess: () => {
          setUsername('');
          setPassword('');
          setRole('contestant');
        },
      },
    );
  };

  return (
    <form className="form card" onSubmit={submit} aria-label={t('admin.users.new')}>
      <h2>{t('admin.users.new')}</h2>
      <div className="row">
        <label className="field field-inline">
          <span>{t('admin.users.username')}</span>
          <input required value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </label>
        <label className="field field-inline">
          <span>{t('admin.users.password')}</span>
          <input
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="field field-inline">
          <span>{t('admin.users.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <RoleOptions />
          </select>
        </label>
        <button type="submit" className="button-primary" disabled={create.isPending}>
          {t('admin.users.create')}
        </button>
      </div>
      <RoleHelp />
      <ErrorMessage error={create.error} title={t('admin.users.notCreated')} />
      {create.isSuccess && (
        <p role="status" className="muted">
          {t('admin.users.created', {
            username: create.variables.username,
            role: t(`common.role.${create.variables.role}`),
          })}
        </p>
      )}
    </form>
  );
}

/**
 * For admins: every account, its role, disabling it, blocking its submissions or limiting their rate, a new password;
 * and new accounts, one by one or from a CSV file.
 */
export function UsersPage() {
  const t = useT();
  const me = useSession();
  const users = useUsers();
  return (
    <div className="page">
      <h1>{t('admin.users.heading')}</h1>
      <CreateUser />
      <AccountImportPanel target={{ kind: 'admin' }} />
      {users.isPending && <Loading what={t('admin.users.loading')} />}
      <ErrorMessage error={users.error} title={t('admin.users.loadFailed')} />
      {users.data && users.data.length === 0 && <EmptyState>{t('admin.users.none')}</EmptyState>}
      {users.data && users.data.length > 0 && (
        <div className="table-scroll">
          <table className="users">
            <thead>
              <tr>
                <th scope="col">{t('admin.users.username')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.account')}</th>
                <th scope="col">{t('admin.users.submitting')}</th>
                <th scope="col">{t('admin.users.createdAt')}</th>
                <th scope="col">{t('admin.users.password')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <UserRow key={u.id} user={u} self={u.id === me?.id} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
