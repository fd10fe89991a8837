import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { TEAM_MAX_MEMBERS, type TeamInput, type TeamView } from '@judge/contract';
import { useContest } from '../../api/contests';
import { useDeleteTeam, useOrganizations, useSaveTeam, useTeams } from '../../api/teams';
import { AccountImportPanel } from '../../components/account-import-panel';
import { EmptyState, ErrorMessage, Loading, PageError } from '../../components/error-message';
import { useT } from '../../i18n/i18n-provider';

interface Draft {
  name: string;
  organizationId: string;
  location: string;
  members: string;
}

const EMPTY: Draft = { name: '', organizationId: '', location: '', members: '' };

function draftOf(team: TeamView): Draft {
  return {
    name: team.name,
    organizationId: team.organization?.id ?? '',
    location: team.location ?? '',
    members: team.members.map((m) => m.username).join(', '),
  };
}

/** The body the API takes: members split on spaces, commas or semicolons; empty fields are none. */
export function teamInput(draft: Draft, externalId: string | null = null): TeamInput {
  return {
    name: draft.name.trim(),
    organizationId: draft.organizationId || null,
    location: draft.location.trim() || null,
    externalId,
    members: draft.members
      .split(/[\s,;]+/)
      .map((m) => m.trim())
      .filter(Boolean),
  };
}

/** A new team, or changes to one (`editing`). */
function TeamForm({ contestId, editing, onDone }: { contestId: string; editing: TeamView | null; onDone: () => void }) {
  const t = useT();
  const organizations = useOrganizations();
  const save = useSaveTeam(contestId);
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : EMPTY);
  const set = (key: keyof Draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: editing?.id, input: teamInput(draft, editing?.externalId ?? null) },
      {
        onSuccess: () => {
          setDraft(EMPTY);
          onDone();
        },
      },
    );
  };
  const title = editing ? t('teams.editLabel', { name: editing.name }) : t('teams.new');
  return (
    <form className="form card" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <div className="row">
        <label className="field">
          <span>{t('teams.name')}</span>
          <input value={draft.name} onChange={(e) => set('name', e.target.value)} required maxLength={200} />
        </label>
        <label className="field">
          <span>{t('teams.organization')}</span>
          <select value={draft.organizationId} onChange={(e) => set('organizationId', e.target.value)}>
            <option value="">{t('teams.noOrganization')}</option>
            {(organizations.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.country ? `${o.name} (${o.country})` : o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('teams.location')}</span>
          <input value={draft.location} onChange={(e) => set('location', e.target.value)} maxLength={200} />
        </label>
      </div>
      <label className="field">
        <span>{t('teams.members')}</span>
        <input
          value={draft.members}
          onChange={(e) => set('members', e.target.value)}
          required
          aria-describedby="team-members-hint"
        />
      </label>
      <p className="hint" id="team-members-hint">
        {t('teams.membersHint', { max: TEAM_MAX_MEMBERS })}
      </p>
      <ErrorMessage error={organizations.error} title={t('teams.org.loadError')} />
      <ErrorMessage error={save.error} title={t('teams.notSaved')} />
      <div className="row">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {editing ? t('teams.save') : t('teams.create')}
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

function TeamsTable({
  teams,
  onEdit,
  contestId,
}: {
  teams: TeamView[];
  onEdit: (t: TeamView) => void;
  contestId: string;
}) {
  const t = useT();
  const remove = useDeleteTeam(contestId);
  return (
    <>
      <ErrorMessage error={remove.error} title={t('teams.notDeleted')} />
      <div className="table-scroll">
        <table aria-label={t('teams.list')}>
          <thead>
            <tr>
              <th scope="col">{t('teams.name')}</th>
              <th scope="col">{t('teams.organization')}</th>
              <th scope="col">{t('teams.location')}</th>
              <th scope="col">{t('teams.members')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('teams.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={team.id}>
                <th scope="row">{team.name}</th>
                <td>
                  {team.organization
                    ? `${team.organization.name}${team.organization.country ? ` (${team.organization.country})` : ''}`
                    : ''}
                </td>
                <td>{team.location ?? ''}</td>
                <td>{team.members.map((m) => m.username).join(', ')}</td>
                <td className="row">
                  <button
                    type="button"
                    className="button-small"
                    onClick={() => onEdit(team)}
                    aria-label={t('teams.editNamed', { name: team.name })}
                  >
                    {t('teams.edit')}
                  </button>
                  <button
                    type="button"
                    className="button-small button-danger"
                    aria-label={t('teams.deleteNamed', { name: team.name })}
                    onClick={() => {
                      if (window.confirm(t('teams.confirmDelete', { name: team.name }))) remove.mutate(team.id);
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
    </>
  );
}

/** Staff: a team contest's teams, made one by one or imported from CSV (docs/contests.md, "Teams"). */
export function ContestTeamsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const contest = useContest(id);
  const teams = useTeams(id);
  const [editing, setEditing] = useState<TeamView | null>(null);
  if (contest.isPending) return <Loading what={t('contest.loading')} />;
  if (contest.error) return <PageError title={t('teams.title')} error={contest.error} />;
  return (
    <div className="page">
      <h1>{t('teams.titleOf', { title: contest.data.title })}</h1>
      <p>
        <Link to={`/contests/${id}`}>{t('teams.back')}</Link>
      </p>
      {!contest.data.teams ? (
        <div className="alert alert-info" role="status">
          {t('teams.notTeamContest')} <Link to={`/contests/${id}/edit`}>{t('teams.editContest')}</Link>
        </div>
      ) : (
        <>
          {teams.isPending && <Loading what={t('teams.loading')} />}
          <ErrorMessage error={teams.error} title={t('teams.loadError')} />
          {teams.data &&
            (teams.data.length === 0 ? (
              <EmptyState>{t('teams.empty')}</EmptyState>
            ) : (
              <TeamsTable teams={teams.data} onEdit={setEditing} contestId={id} />
            ))}
          <TeamForm key={editing?.id ?? 'new'} contestId={id} editing={editing} onDone={() => setEditing(null)} />
          <AccountImportPanel target={{ kind: 'teams', contestId: id }} />
        </>
      )}
    </div>
  );
}
