import { Migration } from '@mikro-orm/migrations';

/**
 * Knowledge base: locales, categories → sections → articles with per-locale
 * translations, versions, and the metrics tables (views, helpful votes,
 * search log, suggestion opens).
 */
export class Migration20261121200000KnowledgeBase extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE kb_locales (
        code text PRIMARY KEY,
        name text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        is_default boolean NOT NULL DEFAULT false,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE UNIQUE INDEX kb_locales_one_default ON kb_locales ((true)) WHERE is_default`);
    this.addSql(`
      INSERT INTO kb_locales (code, name, enabled, is_default, position) VALUES
        ('en', 'English', true, true, 0),
        ('zh-CN', '简体中文', true, false, 1),
        ('zh-TW', '繁體中文', true, false, 2)`);

    this.addSql(`
      CREATE TABLE kb_categories (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        icon text,
        position integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`
      CREATE TABLE kb_category_translations (
        id uuid PRIMARY KEY,
        category_id uuid NOT NULL REFERENCES kb_categories (id) ON DELETE CASCADE,
        locale text NOT NULL REFERENCES kb_locales (code),
        name text NOT NULL,
        description text,
        UNIQUE (category_id, locale)
      )`);
    this.addSql(`
      CREATE TABLE kb_sections (
        id uuid PRIMARY KEY,
        category_id uuid NOT NULL REFERENCES kb_categories (id),
        slug text NOT NULL UNIQUE,
        position integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX kb_sections_category_idx ON kb_sections (category_id, position)`);
    this.addSql(`
      CREATE TABLE kb_section_translations (
        id uuid PRIMARY KEY,
        section_id uuid NOT NULL REFERENCES kb_sections (id) ON DELETE CASCADE,
        locale text NOT NULL REFERENCES kb_locales (code),
        name text NOT NULL,
        description text,
        UNIQUE (section_id, locale)
      )`);

    this.addSql(`
      CREATE TABLE kb_articles (
        id uuid PRIMARY KEY,
        section_id uuid NOT NULL REFERENCES kb_sections (id),
        position integer NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
        visibility text NOT NULL CHECK (visibility IN ('public', 'signed_in', 'internal')),
        tags text[] NOT NULL DEFAULT '{}',
        owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
        review_at timestamptz,
        stale_notified_at timestamptz,
        publish_at timestamptz,
        publish_scheduled_by uuid REFERENCES users (id) ON DELETE SET NULL,
        published_at timestamptz,
        archived_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX kb_articles_section_idx ON kb_articles (section_id, position)`);
    this.addSql(`CREATE INDEX kb_articles_scheduled_idx ON kb_articles (publish_at) WHERE publish_at IS NOT NULL`);
    this.addSql(`CREATE INDEX kb_articles_review_idx ON kb_articles (review_at) WHERE status = 'published'`);
    this.addSql(`CREATE INDEX kb_articles_tags_idx ON kb_articles USING gin (tags)`);
    this.addSql(`
      CREATE TABLE kb_article_translations (
        id uuid PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
        locale text NOT NULL REFERENCES kb_locales (code),
        slug text NOT NULL,
        title text NOT NULL,
        summary text,
        body jsonb NOT NULL,
        html text NOT NULL,
        plain_text text NOT NULL,
        toc jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        UNIQUE (article_id, locale),
        UNIQUE (locale, slug)
      )`);
    this.addSql(`
      CREATE TABLE kb_article_versions (
        id uuid PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
        number integer NOT NULL,
        reason text NOT NULL CHECK (reason IN ('created', 'edited', 'status_changed', 'restored')),
        status text NOT NULL,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        snapshot jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (article_id, number)
      )`);

    // Metrics. Raw views exist only to de-duplicate within a day (pruned after
    // two days); the daily counters are what reports read.
    this.addSql(`
      CREATE TABLE kb_article_views (
        article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
        day date NOT NULL,
        visitor_key text NOT NULL,
        ip_hash text NOT NULL,
        PRIMARY KEY (article_id, day, visitor_key)
      )`);
    this.addSql(`CREATE INDEX kb_article_views_ip_idx ON kb_article_views (article_id, day, ip_hash)`);
    this.addSql(`
      CREATE TABLE kb_article_daily_stats (
        article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
        day date NOT NULL,
        views integer NOT NULL DEFAULT 0,
        PRIMARY KEY (article_id, day)
      )`);
    this.addSql(`CREATE INDEX kb_article_daily_stats_day_idx ON kb_article_daily_stats (day)`);
    this.addSql(`
      CREATE TABLE kb_helpful_votes (
        article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
        visitor_key text NOT NULL,
        ip_hash text NOT NULL,
        helpful boolean NOT NULL,
        comment text,
        locale text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, visitor_key)
      )`);
    this.addSql(`CREATE INDEX kb_helpful_votes_ip_idx ON kb_helpful_votes (article_id, ip_hash)`);
    this.addSql(`CREATE INDEX kb_helpful_votes_time_idx ON kb_helpful_votes (updated_at)`);
    this.addSql(`
      CREATE TABLE kb_search_queries (
        id bigserial PRIMARY KEY,
        query text NOT NULL,
        normalized text NOT NULL,
        locale text NOT NULL,
        source text NOT NULL CHECK (source IN ('public', 'staff', 'suggest')),
        result_count integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX kb_search_queries_time_idx ON kb_search_queries (created_at)`);
    this.addSql(`CREATE INDEX kb_search_queries_gaps_idx ON kb_search_queries (normalized, created_at) WHERE result_count = 0`);
    this.addSql(`
      CREATE TABLE kb_suggestion_opens (
        id uuid PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
        query text NOT NULL,
        surface text NOT NULL CHECK (surface IN ('contact_form', 'agent_assist', 'search')),
        locale text NOT NULL,
        visitor_key text NOT NULL,
        ticket_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX kb_suggestion_opens_time_idx ON kb_suggestion_opens (created_at)`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'kb_suggestion_opens', 'kb_search_queries', 'kb_helpful_votes', 'kb_article_daily_stats', 'kb_article_views',
      'kb_article_versions', 'kb_article_translations', 'kb_articles', 'kb_section_translations', 'kb_sections',
      'kb_category_translations', 'kb_categories', 'kb_locales',
    ]) {
      this.addSql(`DROP TABLE ${table}`);
    }
  }
}
