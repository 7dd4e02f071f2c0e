import { Migration } from '@mikro-orm/migrations';

/**
 * `article_stale`: the owner of a published article is told when its review
 * date passes. The notification points at the article (gone with it).
 */
export class Migration20261121500000ArticleStaleNotifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    this.addSql(`
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('assigned', 'mentioned', 'customer_replied', 'ticket_updated', 'reminder_due', 'article_stale'))`);
    this.addSql(`ALTER TABLE notifications ADD COLUMN article_id uuid REFERENCES kb_articles (id) ON DELETE CASCADE`);
    // For the cascade when an article is deleted.
    this.addSql(`CREATE INDEX notifications_article_idx ON notifications (article_id) WHERE article_id IS NOT NULL`);
  }

  override async down(): Promise<void> {
    this.addSql(`DELETE FROM notifications WHERE kind = 'article_stale'`);
    this.addSql(`ALTER TABLE notifications DROP COLUMN article_id`);
    this.addSql(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    this.addSql(`
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('assigned', 'mentioned', 'customer_replied', 'ticket_updated', 'reminder_due'))`);
  }
}
