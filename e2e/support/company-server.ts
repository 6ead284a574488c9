import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
  url = '';

  /** `extraArgs` go after the usual ones (`--trust-ca FILE.pem`, say). */
  async start(timeoutMs = 20_000, extraArgs: readonly string[] = []): Promise<string> {
    if (!existsSync(serverScript)) throw new Error(`${serverScript} is missing: run \`npx electron-vite build\` first`);
    const child = spawn(process.execPath, [serverScript, 'serve', '--data', this.dataDir, '--port', '0', '--name', 'Zakłady Łódzkie', ...extraArgs], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      child.stdout?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString('utf8');
        const started = /"address":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"company server started"/.exec(this.output);
        if (started) {
          clearTimeout(timer);
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
