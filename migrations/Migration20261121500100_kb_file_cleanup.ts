import { Migration } from '@mikro-orm/migrations';

/**
 * What the knowledge base's file cleanup needs to know:
 * - `kb_version_assets`: the files each saved version shows, so a file any
 *   version could restore is never deleted (and checking that is an index
 *   lookup, not a scan of every snapshot);
 * - `kb_released_assets`: when an article stopped showing a file (an edit
 *   removed it, or the article was deleted). Past the grace period, a file
 *   that nothing uses any more is deleted.
 */
export class Migration20261121500100KbFileCleanup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE kb_version_assets (
        version_id uuid NOT NULL REFERENCES kb_article_versions (id) ON DELETE CASCADE,
        attachment_id text NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
        PRIMARY KEY (attachment_id, version_id)
      )`);
    this.addSql(`CREATE INDEX kb_version_assets_version_idx ON kb_version_assets (version_id)`);
    this.addSql(`
      CREATE TABLE kb_released_assets (
        attachment_id text PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
        released_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX kb_released_assets_released_idx ON kb_released_assets (released_at)`);

    // Existing versions: any /attachments/<id> in a snapshot counts (a superset of
    // what the editor writes, so nothing a version shows can be missed).
    this.addSql(`
      INSERT INTO kb_version_assets (version_id, attachment_id)
      SELECT DISTINCT v.id, a.id
        FROM kb_article_versions v
       CROSS JOIN LATERAL regexp_matches(v.snapshot::text, '/attachments/([A-Za-z0-9_-]{22,64})', 'g') AS m (parts)
        JOIN attachments a ON a.id = m.parts[1]`);
    // Staff uploads nothing uses any more — files of deleted articles among them,
    // which nothing ever purged — start their grace period now. (Staff drafts
    // still waiting for a message at this moment live out the grace period too.)
    this.addSql(`
      INSERT INTO kb_released_assets (attachment_id)
      SELECT a.id FROM attachments a JOIN users u ON u.id = a.uploaded_by_id
       WHERE a.message_id IS NULL AND u.role <> 'customer'
         AND NOT EXISTS (SELECT 1 FROM kb_article_assets s WHERE s.attachment_id = a.id)
         AND NOT EXISTS (SELECT 1 FROM kb_version_assets v WHERE v.attachment_id = a.id)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE kb_released_assets`);
    this.addSql(`DROP TABLE kb_version_assets`);
  }
}
