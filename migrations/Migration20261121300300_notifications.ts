import { Migration } from '@mikro-orm/migrations';

/** The in-app notification center of staff users. */
export class Migration20261121300300Notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        recipient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('assigned', 'mentioned', 'customer_replied', 'ticket_updated', 'reminder_due')),
        ticket_id uuid REFERENCES tickets (id) ON DELETE CASCADE,
        conversation_id uuid REFERENCES conversations (id) ON DELETE CASCADE,
        message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
        actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        actor_customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
        data jsonb NOT NULL DEFAULT '{}',
        -- What caused it (event id, reminder occurrence): a retried job cannot notify twice.
        source_key text NOT NULL,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (recipient_id, source_key)
      )`);
    this.addSql(`CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC, id DESC)`);
    this.addSql(`CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE notifications`);
  }
}
