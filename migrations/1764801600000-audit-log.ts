import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (apps/api/src/audit): who did what to what, when and from where. Append-only: the API inserts and
 * reads, never updates or deletes (retention is the operator's, docs/security-model.md). The actor's name and role
 * are copied into the row, so it still says who acted once the account is deleted (actor_id is then null).
 */
export class AuditLog1764801600000 implements MigrationInterface {
  name = 'AuditLog1764801600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        actor_username text,
        actor_role text,
        address text,
        action text NOT NULL,
        target_type text,
        target_id text,
        details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object')
      )`);
    // Newest first, filtered by time, actor, action or target: each filter has an index ending in the order.
    await q.query('CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)');
    await q.query('CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC)');
    // Admins filter by name (the API's `actor`), in any case; a deleted account's rows have only the name.
    await q.query('CREATE INDEX audit_log_actor_name_idx ON audit_log (lower(actor_username), at DESC)');
    await q.query('CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC)');
    await q.query('CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
  }
}
