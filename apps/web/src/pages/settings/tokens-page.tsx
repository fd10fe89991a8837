import { useState, type FormEvent } from 'react';
import { API_TOKEN_SCOPES, type ApiTokenScope, type ApiTokenView, type CreatedApiToken } from '@judge/contract';
import { useAllTokens, useCreateToken, useOwnTokens, useRevokeToken } from '../../api/tokens';
import { useSession } from '../../auth/use-session';
import { CopyButton } from '../../components/copy-button';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';

/** The secret of the token just made: shown this once, with a copy button, until dismissed. */
function NewToken({ made, name, onDone }: { made: CreatedApiToken; name: string; onDone: () => void }) {
  const t = useT();
  return (
    <div className="alert card" role="status" aria-label={t('tokens.madeTitle', { name })}>
      <strong>{t('tokens.madeTitle', { name })}</strong>
      <p>{t('tokens.shownOnce')}</p>
      <div className="row">
        <code className="token-secret" aria-label={t('tokens.secret')}>
          {made.token}
        </code>
        <CopyButton text={made.token} label={t('tokens.copy')} />
        <button type="button" className="button-small" onClick={onDone}>
          {t('tokens.done')}
        </button>
      </div>
    </div>
  );
}

function CreateToken() {
  const t = useT();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>([]);
  const [made, setMade] = useState<{ token: CreatedApiToken; name: string } | null>(null);

  const toggle = (scope: ApiTokenScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tokenName = name.trim();
    create.mutate(
      { name: tokenName, scopes: API_TOKEN_SCOPES.filter((s) => scopes.includes(s)) },
      {
        onSuccess: (token) => {
          setMade({ token, name: tokenName });
          setName('');
          setScopes([]);
        },
      },
    );
  };

  return (
    <>
      {made && <NewToken made={made.token} name={made.name} onDone={() => setMade(null)} />}
      <form className="form card" onSubmit={submit} aria-label={t('tokens.new')}>
        <h2>{t('tokens.new')}</h2>
        <label className="field">
          <span>{t('tokens.name')}</span>
          <input
            required
            maxLength={100}
            value={name}
            placeholder={t('tokens.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
          />
        </label>
        <fieldset>
          <legend>{t('tokens.scopes')}</legend>
          {API_TOKEN_SCOPES.map((scope) => (
            <label key={scope} className="check">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => toggle(scope, e.target.checked)}
              />
              <span>
                <strong>{t(`tokens.scope.${scope}`)}</strong>{' '}
                <span className="muted">{t(`tokens.scopeHelp.${scope}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button-primary" disabled={create.isPending || scopes.length === 0}>
          {t('tokens.create')}
        </button>
        {scopes.length === 0 && <p className="hint">{t('tokens.pickScope')}</p>}
        {create.error ? <ErrorMessage error={create.error} title={t('tokens.notCreated')} /> : null}
      </form>
    </>
  );
}

function RevokeButton({ token }: { token: ApiTokenView }) {
  const t = useT();
  const revoke = useRevokeToken();
  return (
    <>
      <button
        type="button"
        className="button-small button-danger"
        aria-label={t('tokens.revokeNamed', { name: token.name })}
        disabled={revoke.isPending}
        onClick={() => {
          if (window.confirm(t('tokens.confirmRevoke', { name: token.name }))) revoke.mutate(token.id);
        }}
      >
        {t('tokens.revoke')}
      </button>
      {revoke.error ? <ErrorMessage error={revoke.error} title={t('tokens.notRevoked', { name: token.name })} /> : null}
    </>
  );
}

function TokenTable({ tokens, showOwner }: { tokens: ApiTokenView[]; showOwner: boolean }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th>{t('tokens.name')}</th>
            {showOwner && <th>{t('tokens.owner')}</th>}
            <th>{t('tokens.scopes')}</th>
            <th>{t('tokens.created')}</th>
            <th>{t('tokens.lastUsed')}</th>
            <th aria-label={t('tokens.actions')} />
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              {showOwner && <td>{token.owner?.username}</td>}
              <td>{token.scopes.map((scope) => t(`tokens.scope.${scope}`)).join(t('tokens.scopeSeparator'))}</td>
              <td>{formatDate(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : t('tokens.never')}</td>
              <td>
                <RevokeButton token={token} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EveryonesTokens() {
  const t = useT();
  const all = useAllTokens(true);
  return (
    <section aria-label={t('tokens.everyone')}>
      <h2>{t('tokens.everyone')}</h2>
      {all.isPending ? (
        <Loading what={t('tokens.loading')} />
      ) : all.error ? (
        <ErrorMessage error={all.error} />
      ) : all.data.length === 0 ? (
        <EmptyState>{t('tokens.noneAnywhere')}</EmptyState>
      ) : (
        <TokenTable tokens={all.data} showOwner />
      )}
    </section>
  );
}

/** Settings: the user's API tokens (make, see when last used, revoke); an admin also sees everyone's. */
export function TokensPage() {
  const t = useT();
  const user = useSession();
  const own = useOwnTokens();
  return (
    <div className="page">
      <h1>{t('tokens.title')}</h1>
      <p className="hint">{t('tokens.intro')}</p>
      <CreateToken />
      <section aria-label={t('tokens.yours')}>
        <h2>{t('tokens.yours')}</h2>
        {own.isPending ? (
          <Loading what={t('tokens.loading')} />
        ) : own.error ? (
          <ErrorMessage error={own.error} />
        ) : own.data.length === 0 ? (
          <EmptyState>{t('tokens.none')}</EmptyState>
        ) : (
          <TokenTable tokens={own.data} showOwner={false} />
        )}
      </section>
      {user?.role === 'admin' && <EveryonesTokens />}
    </div>
  );
}
