import { Migration } from '@mikro-orm/migrations';

/**
 * Attachments: metadata of files kept in the FileStorage. A row without a
 * message is a draft, visible to its uploader only, until a message claims it.
 */
export class Migration20261121300000Attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE attachments (
        -- 160 random bits (base64url): unguessable, so an id alone reveals nothing.
        id text PRIMARY KEY CHECK (length(id) >= 22),
        storage_key text NOT NULL UNIQUE,
        filename text NOT NULL,
        -- Detected from the bytes at upload, never taken from the client.
        content_type text NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL,
        uploaded_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        attached_at timestamptz
      )`);
    this.addSql(`CREATE INDEX attachments_message_idx ON attachments (message_id) WHERE message_id IS NOT NULL`);
    this.addSql(`CREATE INDEX attachments_drafts_idx ON attachments (uploaded_by_id, created_at) WHERE message_id IS NULL`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE attachments`);
  }
}
