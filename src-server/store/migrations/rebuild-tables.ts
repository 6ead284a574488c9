import { sql, type Kysely } from 'kysely';

/**
 * Rebuilds tables from their own CREATE statements, changed by `rewrite`, keeping every row: how SQLite changes what
 * ALTER TABLE cannot (a CHECK constraint's values). The store's migrations run in one transaction with foreign keys on,
 * where the usual recipe (foreign keys off, copy, drop, rename) is not open to them: dropping a parent there would
 * cascade into its children, and renaming one points its children at the new name. So the whole family goes at once:
 * `tables` must hold every table that references any of them (parents first). Each is renamed aside (their references
 * to each other follow), made again under its name from the statement it had, filled, and the old family dropped
 * children first, when nothing references it any more; then its indexes are made again and each AUTOINCREMENT counter
 * set back where it was, so a numbered feed never reuses a number.
 */
export async function rebuildTables(db: Kysely<unknown>, tables: readonly string[], rewrite: (table: string, createSql: string) => string): Promise<void> {
  const names = sql.join(tables.map((t) => sql.lit(t)));
  const schema = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`select type, name, tbl_name, sql from sqlite_master where tbl_name in (${names})`.execute(db);
  if (schema.rows.some((r) => r.type === 'trigger' || r.type === 'view')) throw new Error('rebuildTables: triggers and views are not carried over');
  const created = new Map(schema.rows.filter((r) => r.type === 'table').map((r) => [r.name, r.sql!]));
  const indexes = schema.rows.filter((r) => r.type === 'index' && r.sql !== null).map((r) => r.sql!);
  const counters = await sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence where name in (${names})`.execute(db);

  // Outside the family nothing may point in: it would be left pointing at the renamed tables.
  const outside = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table' and name not in (${names})`.execute(db);
  for (const row of outside.rows) {
    for (const table of tables) if (new RegExp(`references\\s+"?${table}"?\\s*\\(`, 'i').test(row.sql)) throw new Error(`rebuildTables: ${row.name} references ${table}`);
  }

  const aside = (t: string) => sql.id(`${t}__rebuilt`);
  for (const table of tables) await sql`alter table ${sql.id(table)} rename to ${aside(table)}`.execute(db);
  for (const table of tables) {
    const statement = created.get(table);
    if (!statement) throw new Error(`rebuildTables: no table ${table}`);
    await sql.raw(rewrite(table, statement)).execute(db);
  }
  for (const table of tables) await sql`insert into ${sql.id(table)} select * from ${aside(table)}`.execute(db);
  for (const table of [...tables].reverse()) await sql`drop table ${aside(table)}`.execute(db);
  for (const statement of indexes) await sql.raw(statement).execute(db);
  for (const { name, seq } of counters.rows) await sql`update sqlite_sequence set seq = max(seq, ${seq}) where name = ${name}`.execute(db);
  const broken = await sql`pragma foreign_key_check`.execute(db);
  if (broken.rows.length > 0) throw new Error(`rebuildTables: ${broken.rows.length} rows lost their parent`);
}
