import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../src-main/test-support/smtp-sink';

const binDir = process.env.SIGNET_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  port: number;
  /** A fresh, empty database in the cluster; its URL (postgres://…). */
  createDatabase(prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

let shared: Promise<PostgresCluster> | null = null;
let counter = 0;

/**
 * One throwaway PostgreSQL per vitest worker (started on first use, stopped at the worker's exit): initdb on a
 * temporary folder with trust auth, a free port on 127.0.0.1, the socket in that folder, fsync off (nothing here
 * must survive a crash of the machine). initdb refuses root, so as root the cluster belongs to the `postgres` user.
 */
export function postgresCluster(): Promise<PostgresCluster> {
  shared ??= startCluster();
  return shared;
}

/** A new database on the worker's cluster: one per test file or test, so tests never see each other's rows. */
export async function createPostgresDatabase(prefix = 'signet'): Promise<string> {
  return (await postgresCluster()).createDatabase(prefix);
}

async function startCluster(): Promise<PostgresCluster> {
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!fs.existsSync(path.join(binDir, tool))) {
      throw new Error(`PostgreSQL binaries not found: ${path.join(binDir, tool)} is missing (apt-get install postgresql, or set SIGNET_PG_BIN to the folder holding initdb and pg_ctl)`);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-pg-'));
  const dataDir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(binDir, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(binDir, tool), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('exit', () => void stop().catch(() => undefined));
  // A worker ended by a signal runs no exit handler: a watchdog outside it stops the cluster once this process is gone.
  const stopCommand = [asRoot ? `runuser -u postgres -- ` : '', `'${path.join(binDir, 'pg_ctl')}' -D '${dataDir}' -m immediate -w stop`].join('');
  spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${stopCommand} >/dev/null 2>&1; rm -rf '${dir}'`], { detached: true, stdio: 'ignore' }).unref();
  const base = `postgres://postgres@127.0.0.1:${port}`;
  return {
    port,
    async createDatabase(prefix = 'signet') {
      const name = `${prefix}_${process.pid}_${++counter}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
      const admin = new pg.Client({ connectionString: `${base}/postgres` });
      await admin.connect();
      try {
        await admin.query(`create database "${name}"`);
      } finally {
        await admin.end();
      }
      return `${base}/${name}`;
    },
    stop,
  };
}

/** Each data folder's database, so a test that restarts a server on its folder finds its rows again. */
const databaseOfDir = new Map<string, Promise<string>>();

/**
 * The backend a test server runs on: SIGNET_TEST_DATABASE=postgres runs the server tests again on PostgreSQL (a fresh
 * database per data folder), anything else the SQLite default.
 */
export function testDatabaseUrl(dataDir: string): Promise<string | undefined> {
  if (process.env.SIGNET_TEST_DATABASE !== 'postgres') return Promise.resolve(undefined);
  let url = databaseOfDir.get(dataDir);
  if (!url) databaseOfDir.set(dataDir, (url = createPostgresDatabase('server')));
  return url;
}
