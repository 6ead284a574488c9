#!/usr/bin/env node
// `npm run dist` (issue 10): the installers for this OS, with electron-builder on a machine that has Electron and
// electron-builder's installer tools (the release workflow's runners; not the build machines here, which cannot
// download them). electron-builder rebuilds the native modules (better-sqlite3, keytar) for Electron's ABI while it
// packages (npmRebuild), so `npm install` and `npm test` keep them built for plain Node.
//
// Signing comes only from the environment (see electron-builder.yml). Without it the build goes on, unsigned, and
// says so here and in the artifacts' names.
import { spawnSync } from 'node:child_process';
import { azureSignArgs, unsignedReason } from './lib/signing-env.mjs';

// `npm run dist -- [win32|darwin|linux] [electron-builder options…]`, e.g. `-- linux --dir` for an unpacked build.
const [first, ...rest] = process.argv.slice(2);
const platform = first && !first.startsWith('-') ? first : process.platform;
const extra = first && !first.startsWith('-') ? rest : process.argv.slice(2);
const reason = unsignedReason(platform, process.env);
const args = ['--yes', 'electron-builder@26', '--publish', 'never', `--${platform === 'win32' ? 'win' : platform === 'darwin' ? 'mac' : 'linux'}`, ...extra];
// With a .pfx (WIN_CSC_LINK) electron-builder signs by itself; Azure Trusted Signing needs its options named.
if (platform === 'win32' && !process.env.WIN_CSC_LINK) args.push(...azureSignArgs(process.env));
// electron-builder falls back to CSC_LINK for Windows: the release workflow's is macOS's Developer ID, never for Windows.
const env = platform === 'win32' ? Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'CSC_LINK' && name !== 'CSC_KEY_PASSWORD')) : process.env;
if (reason) {
  console.warn(`UNSIGNED BUILD: ${reason}. The installers are named *-unsigned; do not deploy them to users.`);
  args.push('-c.artifactName=${productName}-${version}-${arch}-unsigned.${ext}');
}
const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (built.status !== 0) process.exit(built.status ?? 1);
const packed = spawnSync('npx', args, { stdio: 'inherit', shell: process.platform === 'win32', env });
process.exit(packed.status ?? 1);
