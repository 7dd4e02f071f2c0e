import { Migration } from '@mikro-orm/migrations';

/** Looks up the help articles a ticket's requester opened before writing in (agent ticket page). */
export class Migration20261121400000Deflection extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX kb_suggestion_opens_ticket_idx ON kb_suggestion_opens (ticket_id) WHERE ticket_id IS NOT NULL`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX kb_suggestion_opens_ticket_idx`);
  }
}
