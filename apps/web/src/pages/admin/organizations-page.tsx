import { useState, type FormEvent } from 'react';
import type { OrganizationInput, OrganizationView } from '@judge/contract';
import { useDeleteOrganization, useOrganizations, useSaveOrganization } from '../../api/teams';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n-provider';

interface Draft {
  name: string;
  formalName: string;
  country: string;
  externalId: string;
}

const EMPTY: Draft = { name: '', formalName: '', country: '', externalId: '' };

function draftOf(o: OrganizationView): Draft {
  return { name: o.name, formalName: o.formalName ?? '', country: o.country ?? '', externalId: o.externalId ?? '' };
}

/** The body the API takes: empty fields are none, the country in capitals. */
export function organizationInput(draft: Draft): OrganizationInput {
  const text = (value: string) => value.trim() || null;
  return {
    name: draft.name.trim(),
    formalName: text(draft.formalName),
    country: text(draft.country)?.toUpperCase() ?? null,
    externalId: text(draft.externalId),
  };
}

/** A new organisation, or changes to one (`editing`). */
function OrganizationForm({ editing, onDone }: { editing: OrganizationView | null; onDone: () => void }) {
  const t = useT();
  const save = useSaveOrganization();
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : EMPTY);
  const set = (key: keyof Draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: editing?.id, input: organizationInput(draft) },
      {
        onSuccess: () => {
          setDraft(EMPTY);
          onDone();
        },
      },
    );
  };
  return (
    <form
      className="form card"
      onSubmit={submit}
      aria-label={editing ? t('teams.org.editLabel', { name: editing.name }) : t('teams.org.new')}
    >
      <h2>{editing ? t('teams.org.editLabel', { name: editing.name }) : t('teams.org.new')}</h2>
      <div className="row">
        <label className="field">
          <span>{t('teams.org.name')}</span>
          <input value={draft.name} onChange={(e) => set('name', e.target.value)} required maxLength={200} />
        </label>
        <label className="field">
          <span>{t('teams.org.formalName')}</span>
          <input value={draft.formalName} onChange={(e) => set('formalName', e.target.value)} maxLength={500} />
        </label>
      </div>
      <div className="row">
        <label className="field">
          <span>{t('teams.org.country')}</span>
          <input
            value={draft.country}
            onChange={(e) => set('country', e.target.value)}
            pattern="[A-Za-z]{3}"
            maxLength={3}
            placeholder="SWE"
            aria-describedby="org-country-hint"
          />
        </label>
        <label className="field">
          <span>{t('teams.org.externalId')}</span>
          <input value={draft.externalId} onChange={(e) => set('externalId', e.target.value)} maxLength={200} />
        </label>
      </div>
      <p className="hint" id="org-country-hint">
        {t('teams.org.countryHint')}
      </p>
      <ErrorMessage error={save.error} title={t('teams.org.notSaved')} />
      <div className="row">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {editing ? t('teams.save') : t('teams.org.create')}
        </button>
        {editing && (
          <button type="button" onClick={onDone}>
            {t('teams.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Admins: the organisations (affiliations) teams of every contest may belong to. */
export function OrganizationsPage() {
  const t = useT();
  const organizations = useOrganizations();
  const remove = useDeleteOrganization();
  const [editing, setEditing] = useState<OrganizationView | null>(null);
  return (
    <div className="page">
      <h1>{t('teams.org.title')}</h1>
      <p className="hint">{t('teams.org.intro')}</p>
      {organizations.isPending && <Loading what={t('teams.org.loading')} />}
      <ErrorMessage error={organizations.error} title={t('teams.org.loadError')} />
      <ErrorMessage error={remove.error} title={t('teams.org.notDeleted')} />
      {organizations.data &&
        (organizations.data.length === 0 ? (
          <EmptyState>{t('teams.org.empty')}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table aria-label={t('teams.org.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('teams.org.name')}</th>
                  <th scope="col">{t('teams.org.formalName')}</th>
                  <th scope="col">{t('teams.org.country')}</th>
                  <th scope="col">{t('teams.org.externalId')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('teams.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {organizations.data.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">{o.name}</th>
                    <td>{o.formalName ?? ''}</td>
                    <td>{o.country ?? ''}</td>
                    <td>{o.externalId ?? ''}</td>
                    <td className="row">
                      <button
                        type="button"
                        className="button-small"
                        onClick={() => setEditing(o)}
                        aria-label={t('teams.editNamed', { name: o.name })}
                      >
                        {t('teams.edit')}
                      </button>
                      <button
                        type="button"
                        className="button-small button-danger"
                        aria-label={t('teams.deleteNamed', { name: o.name })}
                        onClick={() => {
                          if (window.confirm(t('teams.org.confirmDelete', { name: o.name }))) remove.mutate(o.id);
                        }}
                      >
                        {t('teams.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <OrganizationForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditing(null)} />
    </div>
  );
}
