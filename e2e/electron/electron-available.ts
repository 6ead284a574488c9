import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Whether the Electron e2e spec can run on this machine. The test script asks first and, when it cannot, prints the
 * reason and does not run `playwright.electron.config.ts` (which refuses to load without a binary): the spec is never
 * quietly skipped. Mirrors how `node_modules/electron/index.js` finds the binary, without requiring it (that throws
 * when the binary is missing).
 */

export type ElectronAvailability = { available: true; executablePath: string } | { available: false; reason: string };

export interface AvailabilityOptions {
  /** The repository root (holds node_modules). */
  root?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Linux needs an X or Wayland display (run under `xvfb-run -a` where there is none). Default true. */
  requireDisplay?: boolean;
}

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export function electronAvailability(options: AvailabilityOptions = {}): ElectronAvailability {
  const root = options.root ?? repoRoot;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const packageDir = path.join(root, 'node_modules', 'electron');

  if (!existsSync(path.join(packageDir, 'package.json'))) {
    return { available: false, reason: 'the electron package is not installed (run `npm install`)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relativeBinary = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let executablePath: string;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    executablePath = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relativeBinary || 'electron');
  } else if (relativeBinary) {
    executablePath = path.join(packageDir, 'dist', relativeBinary);
  } else {
    return {
      available: false,
      reason:
        'no Electron binary at node_modules/electron/dist (the download is blocked on this machine; the package was ' +
        'installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); install one with `npm rebuild electron` where the network ' +
        'allows, or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron',
    };
  }
  if (!existsSync(executablePath)) {
    return {
      available: false,
      reason: `the Electron binary ${executablePath} is missing (reinstall it with \`npm rebuild electron\` where the network allows)`,
    };
  }
  if ((options.requireDisplay ?? true) && platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { available: false, reason: 'no display for Electron (DISPLAY is not set); run the Electron e2e under `xvfb-run -a`' };
  }
  return { available: true, executablePath };
}

/** The built app the spec launches; `npm run build` (electron-vite) writes it. */
export function builtAppMissing(root: string = repoRoot): string | null {
  const needed = ['out/main/electron-main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];
  const missing = needed.filter((file) => !existsSync(path.join(root, file)));
  return missing.length === 0 ? null : `the app is not built (missing ${missing.join(', ')}); run \`npm run build\` first`;
}
