import { Migration } from '@mikro-orm/migrations';

/**
 * Files (images, downloads) that knowledge-base articles show. An attachment
 * listed here is readable by whoever may read one of its articles, and is
 * never purged as an unsent draft.
 */
export class Migration20261121400100KbArticleAssets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE kb_article_assets (
        article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
        attachment_id text NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, attachment_id)
      )`);
    this.addSql(`CREATE INDEX kb_article_assets_attachment_idx ON kb_article_assets (attachment_id)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE kb_article_assets`);
  }
}
