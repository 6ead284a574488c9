/**
 * `npm start`: installs what is missing, builds, and opens Signet — the desktop app where an Electron binary and a
 * display exist, otherwise the same UI through the browser host (`npm run web`). Extra arguments go to the browser host.
 */
import { electronBinary, ensureNodeModules, hasDisplay, run } from './lib/run.mjs';

await ensureNodeModules();
const built = await run('npx', ['electron-vite', 'build']);
if (built !== 0) process.exit(built);

const electron = await electronBinary();
if (electron.available && hasDisplay()) {
  process.exit(await run(electron.executable, ['.']));
}
console.log(electron.available ? 'No display: starting the browser host instead of the desktop window.' : `Desktop app unavailable (${electron.reason}): starting the browser host.`);
process.exit(await run('node', ['out/main/web-host.js', ...process.argv.slice(2)]));
