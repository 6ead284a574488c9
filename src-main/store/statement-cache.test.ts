import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache';

interface Db {
  t: { id: Generated<number>; v: string };
}

describe('prepared statements kept for reuse', () => {
  const opened: BetterSqlite3.Database[] = [];
  const sqliteWith = () => {
    const sqlite = new BetterSqlite3(':memory:');
    opened.push(sqlite);
    sqlite.exec('create table t (id integer primary key, v text not null)');
    return sqlite;
  };
  afterEach(() => {
    for (const sqlite of opened.splice(0)) if (sqlite.open) sqlite.close();
  });

  it('prepares one SQL text once and gives the same statement again', () => {
    const db = withStatementCache(sqliteWith());
    const first = db.prepare('select v from t where id = ?');
    expect(db.prepare('select v from t where id = ?')).toBe(first);
    expect(db.prepare('select id from t')).not.toBe(first);
  });

  it('prepares afresh while the kept statement is being iterated, and the iteration is not disturbed', () => {
    const sqlite = sqliteWith();
    sqlite.prepare('insert into t (v) values (?), (?), (?)').run('a', 'b', 'c');
    const db = withStatementCache(sqlite);
    const sql = 'select v from t order by id';
    const seen: unknown[] = [];
    for (const row of db.prepare(sql).iterate([])) {
      seen.push(row);
      expect(db.prepare(sql).all([])).toHaveLength(3);
    }
    expect(seen).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
  });

  it('drops the least recently used text past its size', () => {
    const db = withStatementCache(sqliteWith(), 2);
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a);
    db.prepare('select 3');
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });

  it('serves Kysely, across a change of the schema', async () => {
    const sqlite = sqliteWith();
    const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    await db.insertInto('t').values({ v: 'x' }).execute();
    const read = () => db.selectFrom('t').selectAll().execute();
    expect(await read()).toEqual([{ id: 1, v: 'x' }]);
    sqlite.exec("alter table t add column w text not null default 'y'");
    expect(await read()).toEqual([{ id: 1, v: 'x', w: 'y' }]);
    await db.destroy();
    expect(sqlite.open).toBe(false);
  });
});
