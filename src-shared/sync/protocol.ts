import { z } from 'zod';

/*
 * The sync API between a desktop and the company server (issue 7), one contract for both ends. A change is either one
 * field of one record (merged last-writer-wins by its stamp) or one history event (merged as a set by its id). The
 * server keeps, per field and per event, the winning entry and a position (`seq`) that grows with every accepted
 * change, so a desktop pulls what it has not seen with `after`, page by page, and a pull can stop anywhere and resume.
 */

/**
 * What is synced, in the order a pulled page is applied (what a record points at first). Files are content-addressed
 * and fetched by hash on demand, so only their metadata is a record. Access permissions go as records too (issue 8):
 * a role (its matrix), and a role held by an employee or a department (`role_assignment`, see role-fields.ts).
 */
export const syncEntities = ['user', 'contact', 'file', 'stage', 'role', 'role_assignment', 'permission_change', 'document', 'template', 'automation_trigger', 'automation_rule', 'notice'] as const;
export type SyncEntity = (typeof syncEntities)[number];

const stamp = z.string().regex(/^\d{15}-\d{6}-[A-Za-z0-9_-]{1,64}$/);
const recordId = z.string().min(1).max(128);
const fieldName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
export const syncValue = z.union([z.string().max(100_000), z.number().finite(), z.boolean(), z.null()]);

export const fieldChange = z.strictObject({ entity: z.enum(syncEntities), id: recordId, field: fieldName, value: syncValue, stamp });
export type FieldChange = z.output<typeof fieldChange>;

/** A history event: `eventId` the SHA-256 of what it says (not of its place in a chain), `body` its stored content as canonical JSON. */
export const eventChange = z.strictObject({ documentId: recordId, eventId: z.string().regex(/^[0-9a-f]{64}$/), body: z.string().max(100_000), stamp });
export type EventChange = z.output<typeof eventChange>;

/** At most this many changes per push: a batch is one transaction on the server. */
export const maxPushBatch = 500;

export const pushRequest = z.strictObject({
  fields: z.array(fieldChange).max(maxPushBatch),
  events: z.array(eventChange).max(maxPushBatch),
});
export type PushRequest = z.output<typeof pushRequest>;

/**
 * A change the server refused because the account that pushed it may not make it (issue 8: a permission revoked while
 * the laptop was offline). `action` is the permission it lacked. For a field, `kept` is what the server holds instead
 * (its value and stamp; absent when the server holds nothing for that field): the desktop puts that back, so the
 * refused change is undone there too, and reports it.
 */
export const refusedChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('field'), entity: z.enum(syncEntities), id: recordId, field: fieldName, action: z.string().max(64), kept: z.strictObject({ value: syncValue, stamp }).optional() }),
  z.strictObject({ kind: z.literal('event'), documentId: recordId, eventId: z.string().regex(/^[0-9a-f]{64}$/), action: z.string().max(64) }),
]);
export type RefusedChange = z.output<typeof refusedChange>;

export const pushAnswer = z.strictObject({
  /** Changes that became the server's current value (others were older than what it had, or already there). */
  accepted: z.number().int().nonnegative(),
  /** Event ids that the server already holds with another content: kept as they were there, reported. */
  conflicts: z.array(z.string()),
  /** Changes the pushing account has no permission for: not kept (see refusedChange). */
  refused: z.array(refusedChange).default([]),
});
export type PushAnswer = z.output<typeof pushAnswer>;

export const maxPullPage = 10_000;

export const pulledEntry = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('field'), seq: z.number().int().positive(), change: fieldChange }),
  z.strictObject({ kind: z.literal('event'), seq: z.number().int().positive(), change: eventChange }),
]);
export type PulledEntry = z.output<typeof pulledEntry>;

export const pullAnswer = z.strictObject({
  entries: z.array(pulledEntry),
  /** The position to ask from next time (the last entry's, or `after` when there was nothing). */
  next: z.number().int().nonnegative(),
  /** More entries wait after `next`. */
  more: z.boolean(),
});
export type PullAnswer = z.output<typeof pullAnswer>;

/** Why sync is not running: a message key the windows translate, with its values. */
export interface SyncReason {
  messageKey: string;
  details?: Record<string, string | number>;
}

/**
 * What the desktop shows about sync; work never waits for it. `pending`: changes made here not yet on the server.
 * `error` is a refusal someone must act on (a revoked device, a disabled account): sync stops until then.
 */
export type SyncStatus =
  | { state: 'off' }
  | { state: 'synced'; at: string; pending: number }
  | { state: 'syncing'; pending: number }
  | { state: 'offline'; pending: number; reason: SyncReason; retryAt: string }
  | { state: 'error'; pending: number; code: string; reason: SyncReason };

/** Where the sync API lives under /api/v1. Files go up and down by hash; `missing` says which the server lacks. */
export const syncPaths = {
  push: '/sync/push',
  pull: '/sync/pull',
  missingFiles: '/sync/files/missing',
  file: (sha256: string) => `/sync/files/${sha256}`,
} as const;

export const syncFileContentType = 'application/octet-stream';
/** The largest PDF a desktop imports is 100 MB (maxUploadBytes); a synced file is one of them. */
export const maxSyncFileBytes = 100 * 1024 * 1024;
export const pushBodyLimit = 64 * 1024 * 1024;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
export const missingFilesRequest = z.strictObject({ sha256: z.array(sha256).max(maxPushBatch) });
export const missingFilesAnswer = z.strictObject({ missing: z.array(sha256) });
export const pullQuery = z.object({ after: z.coerce.number().int().nonnegative().default(0), limit: z.coerce.number().int().min(1).max(maxPullPage).default(maxPullPage) });

/**
 * A change sync refused on this desktop, as Settings lists it: what (a document's title or number where there is
 * one), which field, why (a message key: the lifecycle's own for a stage move, `sync.reasons.*` otherwise), when.
 */
export interface SyncConflict {
  id: number;
  entity: string;
  entityId: string;
  label?: string;
  /** A role's or a holding's: the role (named by the renderer: a built-in one in the reader's language) and its holder. */
  role?: { id: string; name: string | null; builtin: string | null };
  holder?: string;
  field?: string;
  reasonKey: string;
  /** A store error's own words, for a write the local store refused. */
  detail?: string;
  at: string;
}
