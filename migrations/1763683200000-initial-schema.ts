import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, problems with their package versions, and submissions with their results. */
export class InitialSchema1763683200000 implements MigrationInterface {
  name = 'InitialSchema1763683200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'setter', 'contestant')),
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE problems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        title text NOT NULL,
        current_version integer NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE problem_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        problem_id uuid NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
        version integer NOT NULL,
        package_hash text NOT NULL,
        summary jsonb NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (problem_id, version)
      )`);
    await q.query(`
      CREATE TABLE submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        problem_id uuid NOT NULL REFERENCES problems(id),
        problem_version_id uuid NOT NULL REFERENCES problem_versions(id),
        language text NOT NULL,
        file_name text NOT NULL,
        source text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'compiling', 'running', 'done')),
        verdict text,
        score double precision,
        max_score double precision,
        time_ms integer,
        memory_kb integer,
        compile_output text,
        judge_error text,
        tests jsonb NOT NULL DEFAULT '[]',
        groups jsonb NOT NULL DEFAULT '[]',
        judged_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        judged_at timestamptz
      )`);
    await q.query('CREATE INDEX submissions_user_idx ON submissions (user_id, created_at DESC)');
    await q.query('CREATE INDEX submissions_problem_idx ON submissions (problem_id, created_at DESC)');
    await q.query("CREATE INDEX submissions_pending_idx ON submissions (status) WHERE status <> 'done'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE submissions');
    await q.query('DROP TABLE problem_versions');
    await q.query('DROP TABLE problems');
    await q.query('DROP TABLE users');
  }
}
