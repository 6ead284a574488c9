import { compareStamps, decodeStamp, type HlcStamp } from './hlc';

/*
 * Issue 7's conflict rules, one place for the desktop and the server (written before the sync that applies them):
 * - editable metadata (a contact's e-mail, a document's title, amount, tags…) merges field by field, the later stamp
 *   winning (last writer wins on a hybrid logical clock), so two people editing different fields offline both keep
 *   theirs and the same field ends the same on every device;
 * - history events are facts: merged as a set by id, never changed; one id with two different contents is reported;
 * - a document that is signed or sealed is frozen: no merged change may alter what was signed.
 * Every merge here is commutative, associative and idempotent: devices that saw the same changes in any order, any
 * number of times, agree.
 */

export type SyncValue = string | number | boolean | null;

export interface StampedValue {
  value: SyncValue;
  stamp: HlcStamp;
}

/** One record's editable fields, each with the stamp of its last write. */
export type StampedFields = Readonly<Record<string, StampedValue>>;

/**
 * The later write; two writes with one stamp cannot happen (a device never stamps twice the same), but a corrupted or
 * replayed change must not make devices disagree, so the value's text decides then.
 */
function later(a: StampedValue, b: StampedValue): StampedValue {
  const order = compareStamps(a.stamp, b.stamp);
  if (order !== 0) return order > 0 ? a : b;
  return JSON.stringify(a.value) >= JSON.stringify(b.value) ? a : b;
}

/**
 * The same rule for code that holds stamps as text and values as JSON (the desktop's sync_fields, the server's
 * sync_entries): whether a write beats the one kept. Equal writes do not beat each other, so a change seen twice is
 * no change.
 */
export function beats(stamp: string, valueJson: string, keptStamp: string, keptValueJson: string): boolean {
  const order = compareStamps(decodeStamp(stamp), decodeStamp(keptStamp));
  return order > 0 || (order === 0 && valueJson > keptValueJson);
}

/** Field by field, the later write wins; a field only one side has is kept. */
export function mergeFields(a: StampedFields, b: StampedFields): Record<string, StampedValue> {
  const merged: Record<string, StampedValue> = { ...a };
  for (const [field, theirs] of Object.entries(b)) {
    const ours = merged[field];
    merged[field] = ours ? later(ours, theirs) : theirs;
  }
  return merged;
}

export interface SyncEvent {
  id: string;
  /** The event's content as stored (its canonical JSON): equal ids must carry equal content. */
  body: string;
}

export interface MergedEvents<E extends SyncEvent> {
  events: E[];
  /** Ids that arrived with a different content than the one kept: never overwritten, reported. */
  conflicts: string[];
}

/** The union by id, in id order; for an id seen with two contents the smaller content is kept on every device. */
export function mergeEvents<E extends SyncEvent>(a: readonly E[], b: readonly E[]): MergedEvents<E> {
  const byId = new Map<string, E>();
  const conflicts = new Set<string>();
  for (const event of [...a, ...b]) {
    const kept = byId.get(event.id);
    if (!kept) byId.set(event.id, event);
    else if (kept.body !== event.body) {
      conflicts.add(event.id);
      if (event.body < kept.body) byId.set(event.id, event);
    }
  }
  const events = [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { events, conflicts: [...conflicts].sort() };
}

/** Whether a document's content is frozen: from the first signature on, what was signed stays as it was. */
export interface FreezeState {
  signed: boolean;
  sealed: boolean;
}

export interface FrozenMerge {
  fields: Record<string, StampedValue>;
  /** Fields an incoming change would have altered on a frozen document: kept as they were, reported. */
  refused: string[];
}

/**
 * A document's fields merged under the freeze: once either side knows it is signed or sealed, the `frozen` fields (the
 * file, the title, the parties — what the signature covers) keep the value they had when it was frozen (`atFreeze`,
 * the side that signed), whatever stamp a change made elsewhere carries; the others merge as usual.
 */
export function mergeFrozen(atFreeze: StampedFields, incoming: StampedFields, state: FreezeState, frozen: ReadonlySet<string>): FrozenMerge {
  const merged = mergeFields(atFreeze, incoming);
  if (!state.signed && !state.sealed) return { fields: merged, refused: [] };
  const refused: string[] = [];
  for (const field of frozen) {
    const kept = atFreeze[field];
    const after = merged[field];
    if (kept && after && (after.value !== kept.value || compareStamps(after.stamp, kept.stamp) !== 0)) {
      merged[field] = kept;
      if (after.value !== kept.value) refused.push(field);
    } else if (!kept && after) {
      delete merged[field];
      refused.push(field);
    }
  }
  return { fields: merged, refused: refused.sort() };
}
