import path from 'node:path';
import type { Policy, UpdateChannel } from '../../src-shared/policy/policy';
import type { UpdatesOffReason } from '../../src-shared/updates/update-status';

/** What deciding needs to know about this copy of the app: injectable, so every case is tested on any machine. */
export interface InstallFacts {
  platform: NodeJS.Platform;
  /** Electron's `app.isPackaged`: false for `electron .`, and there is no Electron at all in the browser host. */
  isPackaged: boolean;
  /** The folder of the running executable. */
  execDir: string;
  productName: string;
  env: NodeJS.ProcessEnv;
  exists(file: string): boolean;
  /** The text of the app-update.yml electron-builder packed beside the app (null where there is none). */
  updateConfig: string | null;
}

export type UpdatePlan = { enabled: false; reason: UpdatesOffReason } | { enabled: true; channel: UpdateChannel; feedUrl?: string | undefined };

/** Why a copy that is not an installed app (the browser host, a test) does not update: the policy's "off" still says so. */
export function offWhereNotInstalled(policy: Policy): UpdatesOffReason {
  const plan = updatePlan(policy, { platform: process.platform, isPackaged: false, execDir: '', productName: '', env: {}, exists: () => false, updateConfig: null });
  return plan.enabled ? 'notInstalled' : plan.reason;
}

/**
 * Whether this copy updates itself (issue 10, item 5), on which channel and from where. The policy decides first; then
 * only what electron-updater can update: the NSIS install (it leaves its uninstaller beside the executable; the
 * per-machine MSI does not, and is updated by IT's next MSI), the macOS app, an AppImage. A deb is the package
 * manager's. The feed is the build's (app-update.yml, from SIGNET_UPDATE_FEED_URL at packaging) unless the policy
 * names another.
 */
export function updatePlan(policy: Policy, facts: InstallFacts): UpdatePlan {
  if (policy.updates?.enabled === false) return { enabled: false, reason: 'policy' };
  if (!facts.isPackaged) return { enabled: false, reason: 'notInstalled' };
  if (facts.platform === 'win32' && !facts.exists(path.win32.join(facts.execDir, `Uninstall ${facts.productName}.exe`))) return { enabled: false, reason: 'msi' };
  if (facts.platform === 'linux' && !facts.env.APPIMAGE) return { enabled: false, reason: 'packageManager' };
  // electron-updater checks a Windows update's Authenticode signature against the publisher named here, and skips the
  // check when none is named (an unsigned build): such a copy takes no update rather than an unverified one.
  if (facts.platform === 'win32' && !/^publisherName:/m.test(facts.updateConfig ?? '')) return { enabled: false, reason: 'unsigned' };
  return { enabled: true, channel: policy.updates?.channel ?? 'stable', feedUrl: policy.updates?.feedUrl };
}
