import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contests (problem sets with labels, participants, clarifications), courses with assignments and exams,
 * and teachers' review of submissions (line comments, manual score adjustments).
 */
export class ContestsAndCourses1763942400000 implements MigrationInterface {
  name = 'ContestsAndCourses1763942400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        scoring text NOT NULL CHECK (scoring IN ('icpc', 'ioi')),
        freeze_minutes integer NOT NULL DEFAULT 0 CHECK (freeze_minutes >= 0),
        unfrozen boolean NOT NULL DEFAULT false,
        registration text NOT NULL CHECK (registration IN ('open', 'invite', 'code')),
        join_code text,
        practice_after boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE contest_problems (
        contest_id uuid NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
        problem_id uuid NOT NULL REFERENCES problems(id),
        label text NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (contest_id, label),
        UNIQUE (contest_id, problem_id)
      )`);
    await q.query('CREATE INDEX contest_problems_problem_idx ON contest_problems (problem_id)');
    // Invited users are participants from the start; others become participants when they register.
    await q.query(`
      CREATE TABLE contest_participants (
        contest_id uuid NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        invited boolean NOT NULL DEFAULT false,
        registered_at timestamptz,
        PRIMARY KEY (contest_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE clarifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contest_id uuid NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
        asked_by uuid REFERENCES users(id),
        problem_label text,
        question text,
        answer text,
        public boolean NOT NULL DEFAULT false,
        answered_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz
      )`);
    await q.query('CREATE INDEX clarifications_contest_idx ON clarifications (contest_id, created_at)');

    await q.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        join_code text NOT NULL UNIQUE,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE course_members (
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        role text NOT NULL CHECK (role IN ('teacher', 'student')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (course_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('assignment', 'exam')),
        opens_at timestamptz NOT NULL,
        deadline timestamptz NOT NULL CHECK (deadline > opens_at),
        late_penalty jsonb,
        late_until timestamptz,
        duration_minutes integer CHECK (duration_minutes > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE assignment_problems (
        assignment_id uuid NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
        problem_id uuid NOT NULL REFERENCES problems(id),
        label text NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (assignment_id, label),
        UNIQUE (assignment_id, problem_id)
      )`);
    await q.query('CREATE INDEX assignment_problems_problem_idx ON assignment_problems (problem_id)');
    await q.query(`
      CREATE TABLE assignment_extensions (
        assignment_id uuid NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        deadline timestamptz NOT NULL,
        PRIMARY KEY (assignment_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE exam_starts (
        assignment_id uuid NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        started_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assignment_id, user_id)
      )`);

    await q.query('ALTER TABLE submissions ADD COLUMN contest_id uuid REFERENCES contests(id)');
    await q.query('ALTER TABLE submissions ADD COLUMN assignment_id uuid REFERENCES assignments(id)');
    await q.query(
      'CREATE INDEX submissions_contest_idx ON submissions (contest_id, created_at) WHERE contest_id IS NOT NULL',
    );
    await q.query(
      'CREATE INDEX submissions_assignment_idx ON submissions (assignment_id, created_at) WHERE assignment_id IS NOT NULL',
    );

    await q.query(`
      CREATE TABLE submission_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        submission_id uuid NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users(id),
        line integer CHECK (line > 0),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX submission_comments_idx ON submission_comments (submission_id, created_at)');
    // Every adjustment is kept; the latest one counts.
    await q.query(`
      CREATE TABLE score_adjustments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        submission_id uuid NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
        points double precision NOT NULL CHECK (points >= 0 AND points <= 100),
        reason text NOT NULL,
        author_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX score_adjustments_idx ON score_adjustments (submission_id, created_at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['score_adjustments', 'submission_comments']) await q.query(`DROP TABLE ${table}`);
    await q.query('ALTER TABLE submissions DROP COLUMN assignment_id');
    await q.query('ALTER TABLE submissions DROP COLUMN contest_id');
    for (const table of [
      'exam_starts',
      'assignment_extensions',
      'assignment_problems',
      'assignments',
      'course_members',
      'courses',
      'clarifications',
      'contest_participants',
      'contest_problems',
      'contests',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
