import type { Migration } from '../../../src-main/store/migrations/migration';
import { sql } from 'kysely';
import { isPostgres } from './dialect';
import { rebuildTables } from './rebuild-tables';

const before = "state in ('open', 'completed', 'cancelled', 'expired')";
const after = "state in ('open', 'completed', 'declined', 'cancelled', 'expired')";

/**
 * A published document may be `declined`: a signer declined on the portal, which closes it for everyone. Migration
 * 003 limited the state with a CHECK constraint, which SQLite changes only by making the table again; the document's
 * dependants (its signers, their codes, links, sessions, evidence, values and feed) are made again with it (rebuild-tables.ts).
 * PostgreSQL alters a CHECK constraint in place: the one 003 wrote under the name PostgreSQL gave it.
 */
export const declinedState: Migration = {
  version: 8,
  name: 'declined state',
  async up(db) {
    if (isPostgres(db)) {
      await sql.raw(`alter table published_documents drop constraint published_documents_state_check, add constraint published_documents_state_check check (${after})`).execute(db);
      return;
    }
    await rebuildTables(db, ['published_documents', 'published_signers', 'otp_challenges', 'signing_links', 'portal_sessions', 'portal_events', 'published_values', 'document_feed'], (table, statement) => {
      if (table !== 'published_documents') return statement;
      if (statement.split(before).length !== 2) throw new Error('migration 8: the state constraint is not as migration 3 wrote it');
      return statement.replace(before, after);
    });
  },
};
