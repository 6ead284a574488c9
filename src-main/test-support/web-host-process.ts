import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';

/*
 * The real browser host (out/main/web-host.js, as `npm run web` runs it, every worker included) as a child process a
 * crash test can SIGKILL and start again on the same data folder. Needs `npm run build` first.
 */
export const hostScript = path.resolve(import.meta.dirname, '../../out/main/web-host.js');
const children: ChildProcess[] = [];

/** Kills whatever hosts a test left running (its afterEach). */
export function killHosts(): void {
  for (const child of children.splice(0)) child.kill('SIGKILL');
}

export interface Host {
  child: ChildProcess;
  log: { text: string };
  call(name: string, input: unknown): Promise<unknown>;
  /** A call whose answer the kill will cut off: sent, never awaited. */
  fire(name: string, input: unknown): void;
  kill(): Promise<void>;
}

export async function startHost(dataDir: string): Promise<Host> {
  if (!fs.existsSync(hostScript)) throw new Error(`${hostScript} is missing: run npm run build first`);
  const child = spawn(process.execPath, [hostScript, '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const log = { text: '' };
  child.stderr!.on('data', (d: Buffer) => (log.text += d.toString()));
  const url = await new Promise<{ host: string; token: string }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /http:\/\/(127\.0\.0\.1:\d+)\/#token=([0-9a-f]+)/.exec(out);
      if (match) resolve({ host: match[1]!, token: match[2]! });
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${log.text}`)));
  });
  const ws = new WebSocket(`ws://${url.host}/rpc?token=${url.token}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('error', () => {});
  let next = 1;
  const pending = new Map<number, (value: unknown) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { id: number; result?: { ok: boolean; value?: unknown; error?: unknown } };
    if (!frame.result) return;
    pending.get(frame.id)?.(frame.result.ok ? frame.result.value : Promise.reject(new Error(JSON.stringify(frame.result.error))));
    pending.delete(frame.id);
  });
  return {
    child,
    log,
    call: (name, input) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, name, input }));
      }),
    fire: (name, input) => ws.send(JSON.stringify({ id: next++, name, input })),
    kill: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      ws.terminate();
    },
  };
}
