import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));

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

/** Where an Electron binary is installed, its path; otherwise why not. */
export function electronBinary() {
  try {
    const executable = require('electron');
    if (typeof executable === 'string' && fs.existsSync(executable)) return { available: true, executable };
    return { available: false, reason: `no Electron binary at ${executable}` };
  } catch {
    return {
      available: false,
      reason: 'no Electron binary in node_modules/electron (it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; its download is blocked on this machine)',
    };
  }
}

export function hasDisplay() {
  return process.platform === 'win32' || process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
