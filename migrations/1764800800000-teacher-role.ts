import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `teacher` role (docs/security-model.md, "Roles"): teachers create and run their courses and review their
 * students' submissions; setters manage problems and contests. Going down, teachers become setters, the role that
 * taught courses before.
 */
export class TeacherRole1764800800000 implements MigrationInterface {
  name = 'TeacherRole1764800800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check');
    await q.query(
      "ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'setter', 'teacher', 'contestant'))",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("UPDATE users SET role = 'setter' WHERE role = 'teacher'");
    await q.query('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check');
    await q.query(
      "ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'setter', 'contestant'))",
    );
  }
}
