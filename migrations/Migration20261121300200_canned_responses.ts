import { Migration } from '@mikro-orm/migrations';

/** Canned responses (macros): reusable replies with placeholders and optional ticket field changes. */
export class Migration20261121300200CannedResponses extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE canned_responses (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        shortcut citext,
        -- Tiptap document with {{ placeholders }} in its text; text is its plain text for search.
        body jsonb NOT NULL,
        text text NOT NULL DEFAULT '',
        scope text NOT NULL CHECK (scope IN ('personal', 'team', 'global')),
        owner_id uuid REFERENCES users (id) ON DELETE CASCADE,
        team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
        -- Ticket field changes applied with the response: status, priority, typeId, assigneeId, teamId, addTags, removeTags.
        actions jsonb NOT NULL DEFAULT '{}',
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope = 'personal') = (owner_id IS NOT NULL)),
        CHECK ((scope = 'team') = (team_id IS NOT NULL))
      )`);
    // A shortcut is unique within its scope's owner (a person, a team, or everyone).
    this.addSql(`
      CREATE UNIQUE INDEX canned_responses_shortcut_idx
        ON canned_responses (scope, coalesce(owner_id, team_id, '00000000-0000-0000-0000-000000000000'::uuid), shortcut)
        WHERE shortcut IS NOT NULL`);
    this.addSql(`CREATE INDEX canned_responses_owner_idx ON canned_responses (owner_id) WHERE owner_id IS NOT NULL`);
    this.addSql(`CREATE INDEX canned_responses_team_idx ON canned_responses (team_id) WHERE team_id IS NOT NULL`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE canned_responses`);
  }
}
