import fs from 'node:fs';
import path from 'node:path';
import { root, run } from './run.mjs';

/**
 * better-sqlite3 in node_modules is built for Node (tests and the browser host run there). Electron has its own ABI,
 * so the desktop app in development loads a second copy built for Electron from `.native/electron-<version>/`, found
 * by the shell through SIGNET_SQLITE_BINDING. Packaged apps get theirs from electron-builder instead.
 * Where it cannot be built (no network for Electron's headers), the caller falls back to the browser host.
 */
export async function electronSqliteBinding() {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const dir = path.join(root, '.native', `electron-${version}`, 'better-sqlite3');
  const binding = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return { ok: true, binding };

  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), dir, { recursive: true });
  fs.rmSync(path.join(dir, 'build'), { recursive: true, force: true });
  const target = ['--runtime=electron', `--target=${version}`];
  // A prebuilt binary if one can be downloaded, else a build against Electron's headers.
  let code = await run(path.join(root, 'node_modules', '.bin', 'prebuild-install'), target, { cwd: dir });
  if (code !== 0) {
    const gyp = process.env.npm_config_node_gyp;
    code = gyp
      ? await run(process.execPath, [gyp, 'rebuild', '--release', ...target, '--dist-url=https://electronjs.org/headers'], { cwd: dir })
      : 1;
  }
  return code === 0 && fs.existsSync(binding) ? { ok: true, binding } : { ok: false, reason: 'better-sqlite3 could not be built for Electron' };
}
