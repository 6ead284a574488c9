/** `npm run server -- [serve] --data DIR [--port N] …` or `npm run server -- pair --data DIR`: builds, then runs the company server. */
import { ensureNodeModules, run } from './lib/run.mjs';

await ensureNodeModules();
const built = await run('npx', ['electron-vite', 'build']);
if (built !== 0) process.exit(built);
process.exit(await run('node', ['out/main/signet-server.js', ...process.argv.slice(2)]));
