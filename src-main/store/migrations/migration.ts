import type { Kysely } from 'kysely';

/** One step of the schema. `version` is its position in the ordered list; the database records the last applied one. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}
