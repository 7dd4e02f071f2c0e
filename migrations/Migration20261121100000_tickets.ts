import { Migration } from '@mikro-orm/migrations';

/**
 * Teams, customers and organizations, tickets, conversations and messages,
 * the ticket timeline, saved views, read receipts and presence.
 */
export class Migration20261121100000Tickets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY,
        name citext NOT NULL UNIQUE,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`
      CREATE TABLE team_members (
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, user_id)
      )`);
    this.addSql(`CREATE INDEX team_members_user_idx ON team_members (user_id)`);

    this.addSql(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        domains text[] NOT NULL DEFAULT '{}',
        tier text NOT NULL DEFAULT 'standard' CHECK (tier IN ('standard', 'vip')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX organizations_domains_idx ON organizations USING gin (domains)`);
    this.addSql(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        emails text[] NOT NULL DEFAULT '{}',
        phones text[] NOT NULL DEFAULT '{}',
        external_ids jsonb NOT NULL DEFAULT '[]',
        type text NOT NULL DEFAULT 'individual' CHECK (type IN ('individual', 'enterprise')),
        tier text NOT NULL DEFAULT 'standard' CHECK (tier IN ('standard', 'vip')),
        locale text,
        time_zone text,
        attributes jsonb NOT NULL DEFAULT '{}',
        organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
        user_id uuid UNIQUE REFERENCES users (id) ON DELETE SET NULL,
        merged_into_id uuid REFERENCES customers (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX customers_emails_idx ON customers USING gin (emails)`);
    this.addSql(`CREATE INDEX customers_external_ids_idx ON customers USING gin (external_ids jsonb_path_ops)`);
    this.addSql(`CREATE INDEX customers_organization_idx ON customers (organization_id)`);
    this.addSql(`CREATE INDEX customers_created_idx ON customers (created_at, id)`);
    this.addSql(`CREATE INDEX customers_merged_into_idx ON customers (merged_into_id) WHERE merged_into_id IS NOT NULL`);

    this.addSql(`
      CREATE TABLE ticket_types (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE,
        name text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`
      INSERT INTO ticket_types (id, key, name, position)
      VALUES (gen_random_uuid(), 'pre_sales', 'Pre-sales', 1), (gen_random_uuid(), 'order', 'Order', 2),
             (gen_random_uuid(), 'after_sales', 'After-sales', 3), (gen_random_uuid(), 'technical', 'Technical', 4),
             (gen_random_uuid(), 'complaint', 'Complaint', 5), (gen_random_uuid(), 'other', 'Other', 6)`);
    this.addSql(`
      CREATE TABLE tags (
        id uuid PRIMARY KEY,
        name citext NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Numbers come from a sequence: never reused, even after a rolled-back insert.
    this.addSql(`CREATE SEQUENCE ticket_number_seq`);
    this.addSql(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY,
        number bigint NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
        subject text NOT NULL,
        status text NOT NULL CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
        priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        priority_rank smallint GENERATED ALWAYS AS (
          CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END) STORED,
        type_id uuid REFERENCES ticket_types (id),
        requester_id uuid NOT NULL REFERENCES customers (id),
        organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
        assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
        team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
        due_at timestamptz,
        channel text NOT NULL,
        merged_into_id uuid REFERENCES tickets (id),
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        solved_at timestamptz,
        closed_at timestamptz,
        search_vector tsvector NOT NULL DEFAULT ''::tsvector
      )`);
    this.addSql(`ALTER SEQUENCE ticket_number_seq OWNED BY tickets.number`);
    // Keyset pagination: one index per sort, the id as tie-breaker.
    this.addSql(`CREATE INDEX tickets_updated_idx ON tickets (updated_at, id)`);
    this.addSql(`CREATE INDEX tickets_created_idx ON tickets (created_at, id)`);
    this.addSql(`CREATE INDEX tickets_priority_idx ON tickets (priority_rank, updated_at, id)`);
    this.addSql(`CREATE INDEX tickets_due_idx ON tickets ((coalesce(due_at, 'infinity'::timestamptz)), id)`);
    this.addSql(`CREATE INDEX tickets_assignee_idx ON tickets (assignee_id, updated_at, id)`);
    this.addSql(`CREATE INDEX tickets_team_idx ON tickets (team_id, updated_at, id)`);
    this.addSql(`CREATE INDEX tickets_status_idx ON tickets (status, updated_at, id)`);
    this.addSql(`CREATE INDEX tickets_requester_idx ON tickets (requester_id, created_at, id)`);
    this.addSql(`CREATE INDEX tickets_organization_idx ON tickets (organization_id) WHERE organization_id IS NOT NULL`);
    this.addSql(`CREATE INDEX tickets_merged_into_idx ON tickets (merged_into_id) WHERE merged_into_id IS NOT NULL`);
    this.addSql(`CREATE INDEX tickets_search_idx ON tickets USING gin (search_vector)`);
    this.addSql(`
      CREATE TABLE ticket_tags (
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        PRIMARY KEY (ticket_id, tag_id)
      )`);
    this.addSql(`CREATE INDEX ticket_tags_tag_idx ON ticket_tags (tag_id, ticket_id)`);
    this.addSql(`
      CREATE TABLE ticket_followers (
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, user_id)
      )`);
    this.addSql(`CREATE INDEX ticket_followers_user_idx ON ticket_followers (user_id, ticket_id)`);
    // One row per pair, the smaller id first.
    this.addSql(`
      CREATE TABLE ticket_links (
        ticket_a_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        ticket_b_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_a_id, ticket_b_id),
        CHECK (ticket_a_id < ticket_b_id)
      )`);
    this.addSql(`CREATE INDEX ticket_links_b_idx ON ticket_links (ticket_b_id)`);

    this.addSql(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY,
        ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
        customer_id uuid NOT NULL REFERENCES customers (id),
        channel text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        subject text,
        assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
        team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    this.addSql(`CREATE INDEX conversations_ticket_idx ON conversations (ticket_id) WHERE ticket_id IS NOT NULL`);
    this.addSql(`CREATE INDEX conversations_customer_idx ON conversations (customer_id, created_at, id)`);
    this.addSql(`CREATE INDEX conversations_updated_idx ON conversations (updated_at, id)`);
    this.addSql(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        -- Strict insertion order: cursors, "last message", read receipts.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('reply', 'note', 'system')),
        author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        author_customer_id uuid REFERENCES customers (id),
        body jsonb,
        html text NOT NULL DEFAULT '',
        text text NOT NULL DEFAULT '',
        event text,
        data jsonb,
        mentioned_user_ids uuid[] NOT NULL DEFAULT '{}',
        search_vector tsvector NOT NULL DEFAULT ''::tsvector,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX messages_conversation_idx ON messages (conversation_id, seq)`);
    this.addSql(`CREATE INDEX messages_ticket_idx ON messages (ticket_id, seq)`);
    this.addSql(`CREATE INDEX messages_ticket_public_idx ON messages (ticket_id, seq) WHERE kind = 'reply'`);
    this.addSql(`CREATE INDEX messages_search_idx ON messages USING gin (search_vector)`);

    this.addSql(`
      CREATE TABLE ticket_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        kind text NOT NULL,
        actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        actor_customer_id uuid REFERENCES customers (id),
        field text,
        from_value jsonb,
        to_value jsonb,
        message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
        data jsonb,
        -- Customers see public entries only (public replies).
        public boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id)`);

    this.addSql(`
      CREATE TABLE ticket_views (
        id uuid PRIMARY KEY,
        owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL,
        shared boolean NOT NULL DEFAULT false,
        filter jsonb NOT NULL DEFAULT '{}',
        sort jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql(`CREATE INDEX ticket_views_owner_idx ON ticket_views (owner_id)`);
    this.addSql(`
      CREATE TABLE conversation_reads (
        conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        last_read_message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        last_read_seq bigint NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, user_id)
      )`);
    // Ephemeral: who has a ticket open. UNLOGGED (not crash-safe, not replicated) on purpose.
    this.addSql(`
      CREATE UNLOGGED TABLE ticket_presence (
        ticket_id uuid NOT NULL,
        user_id uuid NOT NULL,
        composing boolean NOT NULL DEFAULT false,
        since timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, user_id)
      )`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'ticket_presence', 'conversation_reads', 'ticket_views', 'ticket_events', 'messages', 'conversations',
      'ticket_links', 'ticket_followers', 'ticket_tags', 'tickets', 'tags', 'ticket_types', 'customers',
      'organizations', 'team_members', 'teams',
    ]) {
      this.addSql(`DROP TABLE ${table}`);
    }
  }
}
