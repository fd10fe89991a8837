import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (apps/api/src/webhooks): URLs the judge POSTs events to, and their deliveries, an outbox. A delivery row
 * is written in the transaction that stores the event (a verdict, a run's outcome), so none is lost to a crash;
 * the API's delivery loop claims due rows with FOR UPDATE SKIP LOCKED, so several API processes never send one
 * twice. The secret is kept as it is: the API signs with it (an HMAC needs the key), so it cannot be hashed.
 */
export class Webhooks1764801400000 implements MigrationInterface {
  name = 'Webhooks1764801400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid REFERENCES courses (id) ON DELETE CASCADE,
        contest_id uuid REFERENCES contests (id) ON DELETE CASCADE,
        url text NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2000),
        events text[] NOT NULL
          CHECK (cardinality(events) > 0 AND events <@ ARRAY['submission.judged', 'run.finished']::text[]),
        secret text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (course_id IS NULL OR contest_id IS NULL)
      )`);
    await q.query('CREATE INDEX webhooks_course_idx ON webhooks (course_id) WHERE course_id IS NOT NULL');
    await q.query('CREATE INDEX webhooks_contest_idx ON webhooks (contest_id) WHERE contest_id IS NOT NULL');
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        event text NOT NULL,
        data jsonb NOT NULL,
        event_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        give_up_at timestamptz NOT NULL,
        http_status integer,
        duration_ms integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query('CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at DESC)');
    await q.query(
      "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_deliveries');
    await q.query('DROP TABLE webhooks');
  }
}
