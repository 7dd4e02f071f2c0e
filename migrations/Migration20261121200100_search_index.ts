import { Migration } from '@mikro-orm/migrations';

/**
 * Search: the embedded engine's document table (segmented, normalised text in
 * tsvectors), the word list pg_trgm uses for typo tolerance, and the durable
 * queue of index updates that survives an unavailable engine.
 */
export class Migration20261121200100SearchIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Two tables: the narrow one (filters and title) is what search-as-you-type
    // scans for every keystroke; the wide one (whole-text vectors, with the
    // filter columns repeated so it can be limited without a join) is read
    // only when titles do not fill a page.
    this.addSql(`
      CREATE TABLE search_documents (
        article_id uuid NOT NULL,
        locale text NOT NULL,
        language text NOT NULL,
        visibility text NOT NULL,
        category_id uuid NOT NULL,
        section_id uuid NOT NULL,
        title_tsv tsvector NOT NULL,
        title_length integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, locale)
      )`);
    this.addSql(`CREATE INDEX search_documents_title_idx ON search_documents USING gin (title_tsv) WITH (fastupdate = off)`);
    this.addSql(`
      CREATE TABLE search_bodies (
        article_id uuid NOT NULL,
        locale text NOT NULL,
        language text NOT NULL,
        visibility text NOT NULL,
        category_id uuid NOT NULL,
        section_id uuid NOT NULL,
        tsv tsvector NOT NULL,
        grams tsvector NOT NULL,
        PRIMARY KEY (article_id, locale)
      )`);
    this.addSql(`CREATE INDEX search_bodies_tsv_idx ON search_bodies USING gin (tsv) WITH (fastupdate = off)`);
    // fastupdate off: with a pending list every search scans it linearly until
    // the next vacuum; index updates are small and come from a background job.
    this.addSql(`CREATE INDEX search_bodies_grams_idx ON search_bodies USING gin (grams) WITH (fastupdate = off)`);
    this.addSql(`
      CREATE TABLE search_terms (
        term text PRIMARY KEY
      )`);
    this.addSql(`CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops)`);
    this.addSql(`
      CREATE TABLE search_index_queue (
        article_id uuid PRIMARY KEY,
        enqueued_at timestamptz NOT NULL DEFAULT now(),
        run_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    this.addSql(`CREATE INDEX search_index_queue_run_idx ON search_index_queue (run_at)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE search_index_queue`);
    this.addSql(`DROP TABLE search_terms`);
    this.addSql(`DROP TABLE search_bodies`);
    this.addSql(`DROP TABLE search_documents`);
  }
}
