import { test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverScript = path.join(projectRoot, 'out/main/signet-server.js');

/**
 * The company server (`node out/main/signet-server.js`, as `npm run server` runs it) as a child process of a spec, on a
 * free loopback port and a fresh data folder. `pair()` runs `signet-server pair` against that folder, as an
 * administrator would on the server, and returns the code it printed.
 */
export class CompanyServer {
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'signet-e2e-server-'));
  private child: ChildProcess | null = null;
  private output = '';
  /** 0 until the first start picks a free one. */
  private port = 0;
  url = '';

  /** server.json in the data folder (its SMTP and SMS settings), as an administrator writes it before the start. */
  configure(config: Record<string, unknown>): void {
    writeFileSync(path.join(this.dataDir, 'server.json'), JSON.stringify(config, null, 2));
  }

  /** `extraArgs` go after the usual ones (`--trust-ca FILE.pem`, say); `env` adds variables (the seal's password). */
  async start(timeoutMs = 20_000, extraArgs: readonly string[] = [], env: Record<string, string> = {}): Promise<string> {
    if (!existsSync(serverScript)) throw new Error(`${serverScript} is missing: run \`npx electron-vite build\` first`);
    this.output = '';
    const args = [serverScript, 'serve', '--data', this.dataDir, '--port', String(this.port), '--name', 'Zakłady Łódzkie', ...extraArgs];
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      child.stdout?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString('utf8');
        const started = /"address":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"company server started"/.exec(this.output);
        if (started) {
          clearTimeout(timer);
          // A restart listens where the first start did: the links already sent name that address.
          this.port = Number(new URL(started[1]!).port);
          resolve(started[1]!);
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited early (${code}):\n${this.output}`));
      });
    });
    return this.url;
  }

  pair(): string {
    const result = spawnSync(process.execPath, [serverScript, 'pair', '--data', this.dataDir], { cwd: projectRoot, encoding: 'utf8' });
    const code = /Pairing code: (\S+)/.exec(result.stdout)?.[1];
    if (!code) throw new Error(`pair printed no code: ${result.stdout}${result.stderr}`);
    return code;
  }

  /** `signet-server pair --list`, as the administrator reads it. */
  devices(): string {
    return spawnSync(process.execPath, [serverScript, 'pair', '--data', this.dataDir, '--list'], { cwd: projectRoot, encoding: 'utf8' }).stdout;
  }

  /** The server dies at once (a power cut, the OOM killer): no graceful stop, nothing flushed that was not committed. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async dispose(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  get log(): string {
    return this.output;
  }
}

/**
 * A spec's own company server, started before its tests (after `prepare`, which may write its server.json) and
 * disposed after them, as the specs that need one with the default arguments have it.
 */
export function specCompanyServer(prepare: (server: CompanyServer) => void = () => {}): CompanyServer {
  const server = new CompanyServer();
  test.beforeAll(async () => {
    prepare(server);
    await server.start();
  });
  test.afterAll(async () => {
    await server.dispose();
  });
  return server;
}
