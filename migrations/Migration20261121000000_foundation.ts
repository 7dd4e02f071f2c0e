import { Migration } from '@mikro-orm/migrations';

/** Users, sessions and the shared key/value settings table. */
export class Migration20261121000000Foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE EXTENSION IF NOT EXISTS citext`);
    this.addSql(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email citext NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent', 'customer')),
        password_hash text,
        locale text NOT NULL DEFAULT 'en',
        time_zone text NOT NULL DEFAULT 'UTC',
        active boolean NOT NULL DEFAULT true,
        password_changed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX users_role_idx ON users (role)`);
    this.addSql(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip text,
        user_agent text
      )`);
    this.addSql(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    this.addSql(`
      CREATE TABLE login_failures (
        key text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX login_failures_key_idx ON login_failures (key, failed_at)`);
    this.addSql(`
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE settings`);
    this.addSql(`DROP TABLE login_failures`);
    this.addSql(`DROP TABLE sessions`);
    this.addSql(`DROP TABLE users`);
  }
}
