import fs from 'node:fs';
import { has, run } from './run.mjs';

/** What the tests need from the operating system (Debian package names), and a file that proves each is there. */
export const systemPackages = [
  { pkg: 'chromium', check: () => fs.existsSync('/usr/bin/chromium'), why: 'the end-to-end tests drive the UI in Chromium' },
  { pkg: 'xvfb', check: () => has('xvfb-run'), why: 'a virtual display for the Electron spec where an Electron binary exists' },
];

/** Installs missing packages with apt when running as root; otherwise stops with the exact command to run. */
export async function ensureSystemPackages() {
  const missing = systemPackages.filter((p) => !p.check());
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  const command = `apt-get update && apt-get install -y --no-install-recommends ${names.join(' ')}`;
  for (const p of missing) console.log(`missing system package ${p.pkg}: ${p.why}`);
  if (process.platform !== 'linux' || !has('apt-get')) {
    console.error(`Install these packages with your system's package manager: ${names.join(', ')}`);
    process.exit(1);
  }
  if (process.getuid?.() !== 0) {
    console.error(`Run this once as root, then npm test again:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`> ${command}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const code = (await run('apt-get', ['update', '-qq'], { env })) || (await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { env }));
  const still = missing.filter((p) => !p.check());
  if (code !== 0 || still.length > 0) {
    console.error(`could not install ${still.map((p) => p.pkg).join(', ') || names.join(', ')}; run: ${command}`);
    process.exit(1);
  }
}
