import type { UpdateChannel } from '../policy/policy';

/*
 * Where the app stands with updates (issue 10, item 5), for Settings: why there are none, or the last check and what
 * it found, the download's progress, and an update downloaded that a restart installs.
 */

/** Why this copy does not look for updates itself. */
export type UpdatesOffReason =
  /** The managed policy turned them off: IT ships them. */
  | 'policy'
  /** A development run (`electron .`), the browser host or a test: nothing installed to update. */
  | 'notInstalled'
  /** Installed from the MSI (IT's per-machine installer), which electron-updater cannot update: IT's next MSI does. */
  | 'msi'
  /** A deb package: updated by the system's package manager. */
  | 'packageManager'
  /** A Windows build without a code signature: an update it cannot verify is never installed. */
  | 'unsigned';

export type UpdateStatus =
  | { state: 'off'; reason: UpdatesOffReason }
  | { state: 'idle'; channel: UpdateChannel }
  | { state: 'checking'; channel: UpdateChannel }
  | { state: 'upToDate'; channel: UpdateChannel; checkedAt: string }
  | { state: 'downloading'; channel: UpdateChannel; version: string; percent: number }
  /** Downloaded and its checksum (and, on Windows and macOS, its code signature) checked: installed on restart. */
  | { state: 'ready'; channel: UpdateChannel; version: string }
  | { state: 'failed'; channel: UpdateChannel; reason: string; at: string };
