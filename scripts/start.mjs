/**
 * `npm start`: installs what is missing, builds, and opens Signet — the desktop app where an Electron binary and a
 * display exist, otherwise the same UI through the browser host (`npm run web`). Extra arguments go to the browser host.
 */
import { electronSqliteBinding } from './lib/electron-native.mjs';
import { electronBinary, ensureNodeModules, hasDisplay, root, run } from './lib/run.mjs';

await ensureNodeModules();
const built = await run('npx', ['electron-vite', 'build']);
if (built !== 0) process.exit(built);

let electron = await electronBinary();
if (!electron.available && hasDisplay()) {
  // npm ci skips Electron's download (build machines have no network for it); where there is a display, try it now.
  await run('node', ['node_modules/electron/install.js'], { cwd: root, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
  electron = await electronBinary();
}
let reason = electron.available ? 'no display' : electron.reason;
if (electron.available && hasDisplay()) {
  const sqlite = await electronSqliteBinding();
  if (sqlite.ok) process.exit(await run(electron.executable, ['.'], { env: { SIGNET_SQLITE_BINDING: sqlite.binding } }));
  reason = sqlite.reason;
}
console.log(`Desktop app unavailable (${reason}): starting the browser host.`);
process.exit(await run('node', ['out/main/web-host.js', ...process.argv.slice(2)]));
