import { spawnSync, type ChildProcess } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { pairResponseSchema } from '../../src-shared/company-server/api';
import { portalCodeCheckPath, portalCodePath, portalLinkPath, portalLinkSchema } from '../../src-shared/portal/signing-link';
import type { ReceivedMail, SmtpSink } from '../../src-main/test-support/smtp-sink';
import { waitFor } from '../../src-main/test-support/wait-for';
import type { PairedDevice } from './paired-device';
import { serverScript, spawnServer, type ServerProcess } from './server-process';

/*
 * The built company server as its own process, for tests that stop it the hard way and start it again on the same
 * data folder: started and waited for, paired as `npm run server -- pair` and Settings do it, a portal signer's code
 * read from the SMTP server on loopback, and the store read from outside while the process runs or after it died.
 */

export interface LiveServer {
  process: ServerProcess;
  /** Where it listens, as it logged it. */
  url: string;
}

/** `signet-server ARGS…`, resolved once it logged that it started (its output in the error when it does not). */
export async function startLiveServer(args: string[], children: ChildProcess[], env: NodeJS.ProcessEnv = process.env): Promise<LiveServer> {
  const server = spawnServer(args, children, env);
  const started = () => server.lines.find((l) => l.msg === 'company server started');
  await Promise.race([
    waitFor(() => started() !== undefined, 'the server to start', 30_000),
    server.exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before it started`))),
  ]).catch((error: unknown) => {
    throw new Error(`${String(error)}:\n${server.stderr()}\n${server.lines.map((l) => JSON.stringify(l)).join('\n')}`);
  });
  return { process: server, url: started()!.address! };
}

/** SIGKILL, as power loss or the OOM killer stops it: nothing of its own stop runs. Resolves once it is gone. */
export async function killHard(server: LiveServer): Promise<void> {
  server.process.child.kill('SIGKILL');
  await server.process.exited;
}

/** A desktop paired with the server: a code from `pair --data DIR` spent on POST /pair. */
export async function pairLive(url: string, dataDir: string, deviceName = 'Recepcja', env: NodeJS.ProcessEnv = process.env): Promise<PairedDevice> {
  const paired = spawnSync(process.execPath, [serverScript, 'pair', '--data', dataDir], { encoding: 'utf8', env });
  const code = /Pairing code: (\S+)/.exec(paired.stdout)?.[1];
  if (!code) throw new Error(`pair printed no code: ${paired.stdout}${paired.stderr}`);
  const response = await fetch(`${url}/api/v1/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName }) });
  const { token, deviceId } = pairResponseSchema.parse(await response.json());
  return {
    deviceId,
    token,
    fetch: (p, init = {}) => fetch(`${url}${p}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } }),
  };
}

const linkPattern = /\/s\/([A-Za-z0-9_-]{20,128})/;
const isCodeMail = (m: ReceivedMail) => !linkPattern.test(m.text) && /\b\d{6}\b/.test(m.text);

/** The token in the link e-mail the server sent to `email`, waited for. */
export async function linkTokenFor(sink: SmtpSink, email: string): Promise<string> {
  const mail = () => sink.received.find((m) => m.to === email && linkPattern.test(m.text));
  await waitFor(() => mail() !== undefined, `the link e-mail to ${email}`, 30_000);
  return linkPattern.exec(mail()!.text)![1]!;
}

/**
 * What a signer's browser does to open a signing session: the link, a code asked for, read from its e-mail, checked.
 * The session's cookie, to send with what follows.
 */
export async function portalSession(url: string, sink: SmtpSink, token: string, email: string, userAgent: string): Promise<string> {
  const headers = { 'user-agent': userAgent, 'content-type': 'application/json' };
  const link = portalLinkSchema.parse(await (await fetch(`${url}${portalLinkPath(token)}`, { headers })).json());
  if (link.state !== 'open') throw new Error(`link ${link.state}`);
  const since = sink.received.length;
  const asked = await fetch(`${url}${portalCodePath(token)}`, { method: 'POST', headers, body: '{}' });
  if (asked.status !== 200) throw new Error(`code: HTTP ${asked.status} ${await asked.text()}`);
  const mail = () => sink.received.slice(since).find((m) => m.to === email && isCodeMail(m));
  await waitFor(() => mail() !== undefined, `the code e-mail to ${email}`, 30_000);
  const code = /\b(\d{6})\b/.exec(mail()!.text)![1]!;
  const checked = await fetch(`${url}${portalCodeCheckPath(token)}`, { method: 'POST', headers, body: JSON.stringify({ code }) });
  if (checked.status !== 200) throw new Error(`check: HTTP ${checked.status} ${await checked.text()}`);
  return checked.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** Rows of a query on a server's SQLite file, read-only from outside the process (WAL: while it runs, too). */
export function readStore<T>(storeFile: string, query: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(storeFile, { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}
