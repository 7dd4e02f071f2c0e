import { Migration } from '@mikro-orm/migrations';

export class Migration0001Notes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE plugin_example_notes (
        id uuid PRIMARY KEY,
        body text NOT NULL,
        author_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE plugin_example_notes`);
  }
}
