import { useState, type FormEvent } from 'react';
import type { Role, UserView } from '@judge/contract';
import { useCreateUser, useUpdateUser, useUsers } from '../../api/hooks';
import { useSession } from '../../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate } from '../../components/format';

const ROLES: Role[] = ['contestant', 'setter', 'admin'];

/**
 * Whether the user may submit, and how often: blocked (403 USER_BLOCKED), a rate limit of their own (a number a
 * minute), or the judge's default (left empty).
 */
function SubmittingCell({ user, self }: { user: UserView; self: boolean }) {
  const update = useUpdateUser();
  const [limit, setLimit] = useState(user.submissionsPerMinute?.toString() ?? '');
  const saved = user.submissionsPerMinute?.toString() ?? '';
  return (
    <div className="row">
      <label className="check">
        <input
          type="checkbox"
          aria-label={`${user.username} blocked`}
          checked={user.blocked}
          disabled={update.isPending || self}
          onChange={(e) => update.mutate({ id: user.id, blocked: e.target.checked })}
        />
        <span>{user.blocked ? 'Blocked' : 'Allowed'}</span>
      </label>
      <form
        className="row"
        aria-label={`Rate limit of ${user.username}`}
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ id: user.id, submissionsPerMinute: limit.trim() === '' ? null : Number(limit) });
        }}
      >
        <label className="field field-inline">
          <span>A minute</span>
          <input
            type="number"
            min={1}
            step={1}
            placeholder="default"
            aria-label={`Submissions a minute for ${user.username}`}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
          />
        </label>
        {limit !== saved && (
          <button type="submit" className="button-small" disabled={update.isPending}>
            Set
          </button>
        )}
      </form>
      {update.error ? <ErrorMessage error={update.error} title={`${user.username} not changed`} /> : null}
    </div>
  );
}

function UserRow({ user, self }: { user: UserView; self: boolean }) {
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const [resetting, setResetting] = useState(false);

  return (
    <>
      <tr className={user.disabled ? 'disabled' : undefined}>
        <td>
          {user.username}
          {self && <span className="muted"> (you)</span>}
        </td>
        <td>
          <select
            aria-label={`Role of ${user.username}`}
            value={user.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ id: user.id, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </td>
        <td>
          <label className="check">
            <input
              type="checkbox"
              aria-label={`${user.username} disabled`}
              checked={user.disabled}
              disabled={update.isPending || self}
              onChange={(e) => update.mutate({ id: user.id, disabled: e.target.checked })}
            />
            <span>{user.disabled ? 'Disabled' : 'Active'}</span>
          </label>
        </td>
        <td>
          <SubmittingCell user={user} self={self} />
        </td>
        <td>{formatDate(user.createdAt)}</td>
        <td>
          <button type="button" className="button-small" onClick={() => setResetting(!resetting)}>
            {resetting ? 'Cancel' : 'Set password'}
          </button>
        </td>
      </tr>
      {resetting && (
        <tr>
          <td colSpan={6}>
            <form
              className="row"
              aria-label={`New password for ${user.username}`}
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
                <span>New password</span>
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
                Save
              </button>
            </form>
          </td>
        </tr>
      )}
      {update.error ? (
        <tr>
          <td colSpan={6}>
            <ErrorMessage error={update.error} title={`${user.username} not changed`} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function CreateUser() {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('contestant');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { username: username.trim(), password, role },
      {
        onSuccess: () => {
          setUsername('');
          setPassword('');
        },
      },
    );
  };

  return (
    <form className="form card" onSubmit={submit} aria-label="New user">
      <h2>New user</h2>
      <div className="row">
        <label className="field field-inline">
          <span>Username</span>
          <input required value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </label>
        <label className="field field-inline">
          <span>Password</span>
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
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Create user
        </button>
      </div>
      <ErrorMessage error={create.error} title="Not created" />
      {create.isSuccess && (
        <p role="status" className="muted">
          User created.
        </p>
      )}
    </form>
  );
}

/**
 * For admins: every account, its role, disabling it, blocking its submissions or limiting their rate, a new password;
 * and new accounts.
 */
export function UsersPage() {
  const me = useSession();
  const users = useUsers();
  return (
    <div className="page">
      <h1>Users</h1>
      <CreateUser />
      {users.isPending && <Loading what="Loading users" />}
      <ErrorMessage error={users.error} title="Could not load the users" />
      {users.data && users.data.length === 0 && <EmptyState>No users.</EmptyState>}
      {users.data && users.data.length > 0 && (
        <div className="table-scroll">
          <table className="users">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Submitting</th>
                <th scope="col">Created</th>
                <th scope="col">Password</th>
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
