import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ICPC Contest API's event feed (/api/ccs/contests/:id/event-feed): every change of a contest's objects, once
 * per audience (what admins see, what the public sees), in order. Rows are appended by diffing the current objects
 * against the last event of each, under an advisory lock per contest and audience, so every API process hands out
 * the same tokens (`seq`) and a client resumes from one after a restart. `data` null: the object was deleted.
 */
export class CcsEvents1764802100000 implements MigrationInterface {
  name = 'CcsEvents1764802100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ccs_events (
        seq bigserial PRIMARY KEY,
        contest_id uuid NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
        audience text NOT NULL CHECK (audience IN ('admin', 'public')),
        type text NOT NULL,
        object_id text,
        -- json, not jsonb: an event's keys stay in the order the REST endpoint serves them (clients compare both).
        data json,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The feed reads a stream in order; the diff reads the last event of each object.
    await q.query('CREATE INDEX ccs_events_stream ON ccs_events (contest_id, audience, seq)');
    await q.query('CREATE INDEX ccs_events_object ON ccs_events (contest_id, audience, type, object_id, seq DESC)');
    await q.query('ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_check');
    await q.query(`ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_check
      CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['runs', 'submissions', 'read', 'ccs']::text[])`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Tokens lose the scope; one that had no other goes.
    await q.query(`UPDATE api_tokens SET scopes = array_remove(scopes, 'ccs') WHERE 'ccs' = ANY(scopes)`);
    await q.query('DELETE FROM api_tokens WHERE cardinality(scopes) = 0');
    await q.query('ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_check');
    await q.query(`ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_check
      CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['runs', 'submissions', 'read']::text[])`);
    await q.query('DROP TABLE ccs_events');
  }
}
