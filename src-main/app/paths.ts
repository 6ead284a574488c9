import os from 'node:os';
import path from 'node:path';

export const productName = 'Signet';

/**
 * The per-user data folder, computed the way Electron computes `app.getPath('userData')` for an app named "Signet",
 * so the desktop app and the browser host open the same store by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), productName);
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', productName);
    default:
      return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), productName);
  }
}

export function storeFile(dataDir: string): string {
  return path.join(dataDir, 'signet.sqlite');
}

export function filesDir(dataDir: string): string {
  return path.join(dataDir, 'files');
}
