import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs a command in the project root with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`cannot run ${command}: ${error.message}`);
      resolve(127);
    });
  });
}

export function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The Electron binary cannot be downloaded on build machines; npm must not try. */
export const installEnv = { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };

/** `npm ci` when node_modules is missing or older than the lock file, so one command works on a fresh clone. */
export async function ensureNodeModules() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log('> npm ci (installing the project\'s packages)');
  const code = await run('npm', ['ci', '--no-audit', '--no-fund'], { env: installEnv });
  if (code !== 0) {
    console.error('npm ci failed: see the messages above.');
    process.exit(code);
  }
}

/**
 * Whether the Electron binary is installed, asked of the spec's own helper (e2e/electron/electron-available.ts) so the
 * rule lives in one place. Loaded through Vite's runner because plain Node 20 cannot import TypeScript.
 */
export async function electronBinary({ requireDisplay = false } = {}) {
  const { runnerImport } = await import('vite');
  const { module } = await runnerImport(path.join(root, 'e2e', 'electron', 'electron-available.ts'));
  const result = module.electronAvailability({ requireDisplay });
  return result.available ? { available: true, executable: result.executablePath } : result;
}

export function hasDisplay() {
  return process.platform === 'win32' || process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
