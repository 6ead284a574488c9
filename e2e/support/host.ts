import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const hostScript = path.join(projectRoot, 'out/main/web-host.js');

/** The line the host prints: `Signet x.y.z is running at http://127.0.0.1:PORT/#token=HEX`. */
const urlPattern = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+/;

export interface HostOptions {
  /** Defaults to a fresh temporary folder, removed by `dispose()`. */
  dataDir?: string;
  demo?: boolean;
  /** With `demo`: this many more documents over every stage (`--demo-documents`). */
  demoDocuments?: number;
  /** A managed policy file to run with (`--policy`), in place of this machine's. */
  policyFile?: string;
  /** How often the host syncs with the company server by itself (`--sync-interval-ms`; 5 s by default). */
  syncIntervalMs?: number;
  /** A PDF as if the OS had opened it with the app (`--open`). */
  openFile?: string;
  startTimeoutMs?: number;
}

/**
 * The browser host (`node out/main/web-host.js`) as a child process of the test. `restart()` stops it and starts
 * a new process on the same data folder; the URL (port and token) changes with every start.
 */
export class BrowserHost {
  readonly dataDir: string;
  private readonly ownsDataDir: boolean;
  private child: ChildProcess | null = null;
  private output = '';
  url = '';

  constructor(private readonly options: HostOptions = {}) {
    this.ownsDataDir = !options.dataDir;
    this.dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'signet-e2e-'));
  }

  get origin(): string {
    return new URL(this.url).origin;
  }

  async start(): Promise<string> {
    if (this.child) throw new Error('host already running');
    if (!existsSync(hostScript)) throw new Error(`${hostScript} is missing: run \`npx electron-vite build\` first`);
    const demo = [...(this.options.demo ? ['--demo'] : []), ...(this.options.demoDocuments ? ['--demo-documents', String(this.options.demoDocuments)] : [])];
    const policy = this.options.policyFile ? ['--policy', this.options.policyFile] : [];
    const sync = this.options.syncIntervalMs ? ['--sync-interval-ms', String(this.options.syncIntervalMs)] : [];
    const open = this.options.openFile ? ['--open', this.options.openFile] : [];
    const args = [hostScript, '--data', this.dataDir, '--port', '0', ...demo, ...policy, ...sync, ...open];
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.output = '';
    const timeoutMs = this.options.startTimeoutMs ?? 20_000;

    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`host did not print its URL within ${timeoutMs} ms`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString('utf8');
        const match = urlPattern.exec(this.output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(new Error(`${error.message}\n--- host output ---\n${this.output}`));
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString('utf8');
      });
      child.once('error', fail);
      child.once('exit', (code, signal) => fail(new Error(`host exited early (code ${code}, signal ${signal})`)));
    });
    return this.url;
  }

  /** SIGTERM, waiting for the exit (the host closes the store cleanly); SIGKILL if it does not go in time. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  async restart(): Promise<string> {
    await this.stop();
    return this.start();
  }

  /** Stops the host and removes the data folder if this object created it. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** What the host printed so far (stdout and stderr), for failure messages. */
  get log(): string {
    return this.output;
  }
}
