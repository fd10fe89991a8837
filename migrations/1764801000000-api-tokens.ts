import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens (apps/api/src/tokens): named, scoped credentials of a user. Only the SHA-256 of a token is kept: a
 * token is 32 random bytes, so a fast hash is enough (nothing to guess), and a lookup by hash is one index probe.
 * A token goes with its user; revoking one deletes its row.
 */
export class ApiTokens1764801000000 implements MigrationInterface {
  name = 'ApiTokens1764801000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        scopes text[] NOT NULL
          CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['runs', 'submissions', 'read']::text[]),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    await q.query('CREATE INDEX api_tokens_user_idx ON api_tokens (user_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_tokens');
  }
}
