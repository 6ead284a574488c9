/** `npm run web -- [--data DIR] [--port N] [--demo]`: builds, then runs the browser host. */
import { ensureNodeModules, run } from './lib/run.mjs';

await ensureNodeModules();
const built = await run('npx', ['electron-vite', 'build']);
if (built !== 0) process.exit(built);
process.exit(await run('node', ['out/main/web-host.js', ...process.argv.slice(2)]));
