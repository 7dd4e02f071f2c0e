import { Migration } from '@mikro-orm/migrations';

/** Customer portal accounts: staff invitations and the per-IP sign-up counter. */
export class Migration20261121300100PortalAccounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE customer_invites (
        id uuid PRIMARY KEY,
        -- SHA-256 of the token: a database dump cannot be replayed as invitations.
        token_hash text NOT NULL UNIQUE,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        email citext NOT NULL,
        invited_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX customer_invites_customer_idx ON customer_invites (customer_id, created_at)`);
    this.addSql(`
      CREATE TABLE signup_attempts (
        ip text NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX signup_attempts_ip_idx ON signup_attempts (ip, attempted_at)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE signup_attempts`);
    this.addSql(`DROP TABLE customer_invites`);
  }
}
