import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The built program, as `npm run server` runs it. Needs `npm run build` (electron-vite build) first. */
export const serverScript = path.resolve(import.meta.dirname, '../../out/main/signet-server.js');

export interface LogLine {
  msg: string;
  address?: string;
  req?: { url: string };
  [field: string]: unknown;
}

export interface ServerProcess {
  child: ChildProcess;
  /** Every JSON line on standard output so far, parsed, in order. */
  lines: LogLine[];
  exited: Promise<number | null>;
  stderr(): string;
}

/**
 * Starts `signet-server ARGS…` as a child process; `children` collects it so a test's afterEach can SIGKILL what is
 * left. Its log lines are kept in the order they arrived, which under load was seen to differ from the order they were
 * logged in ("stopped" before "stopping"): a test looks a line up rather than taking the last one.
 */
export function spawnServer(args: string[], children: ChildProcess[], env: NodeJS.ProcessEnv = process.env): ServerProcess {
  if (!fs.existsSync(serverScript)) throw new Error(`${serverScript} is missing: run npm run build first`);
  const child = spawn(process.execPath, [serverScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.push(child);
  const lines: LogLine[] = [];
  let partial = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const complete = partial.split('\n');
    partial = complete.pop()!;
    for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': only then has the last of its output been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, lines, exited, stderr: () => stderr };
}
