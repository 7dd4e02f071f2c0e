import { Migration } from '@mikro-orm/migrations';

/** "Remind me at …" on a ticket; each pending reminder has a job keyed `reminder:<id>`. */
export class Migration20261121300400Reminders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE reminders (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        remind_at timestamptz NOT NULL,
        note text,
        fired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX reminders_user_idx ON reminders (user_id, remind_at) WHERE fired_at IS NULL`);
    this.addSql(`CREATE INDEX reminders_ticket_idx ON reminders (ticket_id, user_id)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE reminders`);
  }
}
