import BetterSqlite3 from 'better-sqlite3';

/** An outbox row as the crash tests read it, from outside the process that sends (the desktop's or the server's store). */
export interface OutboxRow {
  id: string;
  status: string;
  attempts: number;
  committed_at: string | null;
  unconfirmed: number;
}

export function readOutbox(file: string): OutboxRow[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('select id, status, attempts, committed_at, unconfirmed from outbox order by created_at, id').all() as OutboxRow[];
  } finally {
    db.close();
  }
}

/** A write lock on the store from outside the process: its next write waits (its busy timeout is 5 s) until released. */
export function lockStore(file: string): () => void {
  const db = new BetterSqlite3(file);
  db.exec('begin immediate');
  return () => {
    db.exec('rollback');
    db.close();
  };
}
