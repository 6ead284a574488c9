import type { UpdateStatus } from '../updates/update-status';

/**
 * What the main side tells open windows without being asked: something they show has changed (a signature arrived,
 * automation or another window moved a document). Carried by the `events.wait` call — a long poll through the same
 * contract as every other call — so every transport (IPC, WebSocket, later HTTP) delivers it with no channel of its own.
 */
export type AppEvent =
  | { type: 'documentsChanged'; ids: string[] }
  | { type: 'stagesChanged' }
  /** An employee was added or changed, or another employee now works at this install: windows read `app.info` again. */
  | { type: 'usersChanged' }
  /** A message was queued, sent, failed or put back in the queue: the outbox list reads again. */
  | { type: 'outboxChanged' }
  /** Sync with the company server changed state (synced, waiting, offline, refused): the status reads again. */
  | { type: 'syncChanged' }
  /** Automation queued, ran or failed a job: the execution log reads again, and the engine's worker wakes. */
  | { type: 'automationChanged' }
  /** An automation rule notifies an employee in the app: their window shows it (the e-mail copy goes by the outbox). */
  | { type: 'notice'; userId: string; documentId: string; text: string }
  /** Notices were marked read in one window: the others count them again. */
  | { type: 'noticesRead' }
  /** The app's own update moved on (checking, downloading, ready to install, failed): Settings shows it. */
  | { type: 'updateStatus'; status: UpdateStatus };

export interface EventBatch {
  /** Pass it back as `after` in the next wait. */
  cursor: number;
  events: AppEvent[];
  /** Events were missed (the window slept past what the main side keeps): reload what is shown instead of patching it. */
  reset: boolean;
}

/** How long one wait may be held open before it returns empty (and the window asks again). */
export const maxEventWaitMs = 25_000;
