import type { Kysely } from 'kysely';

/** One step of the schema. `version` is its position in the ordered list; the database records the last applied one. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/** A list whose versions are not 1, 2, 3… in order is a programming error, refused before any database is touched. */
export function checkMigrationOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is out of order: version ${m.version} at position ${i + 1}`);
  });
}
