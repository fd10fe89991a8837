import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team contests: a contest with `teams` set ranks teams, not accounts. A team belongs to one contest and has one
 * to three member accounts (each on at most one team of a contest); organisations (affiliations) are shared by
 * every contest, as in DOMjudge and the CCS Contest API. A submission or question made in a team contest keeps the
 * team it was made for, so moving a member later does not move their past work.
 *
 * `external_id` is the id a team or organisation has elsewhere (DOMjudge, the ICPC CMS): contest import and export
 * keep it. Problems get a balloon colour (CCS `rgb`).
 */
export class Teams1764801900000 implements MigrationInterface {
  name = 'Teams1764801900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        formal_name text,
        country text CHECK (country ~ '^[A-Z]{3}$'),
        external_id text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('ALTER TABLE contests ADD COLUMN teams boolean NOT NULL DEFAULT false');
    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contest_id uuid NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
        name text NOT NULL,
        organization_id uuid REFERENCES organizations(id) ON DELETE SET NULL,
        location text,
        external_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (contest_id, name)
      )`);
    await q.query(
      'CREATE UNIQUE INDEX teams_external_id ON teams (contest_id, external_id) WHERE external_id IS NOT NULL',
    );
    await q.query(`
      CREATE TABLE team_members (
        contest_id uuid NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        PRIMARY KEY (contest_id, user_id)
      )`);
    await q.query('CREATE INDEX team_members_team ON team_members (team_id)');
    await q.query('ALTER TABLE submissions ADD COLUMN team_id uuid REFERENCES teams(id) ON DELETE SET NULL');
    await q.query('CREATE INDEX submissions_team ON submissions (team_id) WHERE team_id IS NOT NULL');
    await q.query('ALTER TABLE clarifications ADD COLUMN team_id uuid REFERENCES teams(id) ON DELETE SET NULL');
    await q.query(`ALTER TABLE contest_problems ADD COLUMN color text CHECK (color ~ '^#[0-9a-f]{6}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE contest_problems DROP COLUMN color');
    await q.query('ALTER TABLE clarifications DROP COLUMN team_id');
    await q.query('ALTER TABLE submissions DROP COLUMN team_id');
    await q.query('DROP TABLE team_members');
    await q.query('DROP TABLE teams');
    await q.query('ALTER TABLE contests DROP COLUMN teams');
    await q.query('DROP TABLE organizations');
  }
}
