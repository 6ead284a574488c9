import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CallName } from '../../../src-shared/contract/calls';
import { AppError } from '../../../src-shared/contract/errors';
import type { Handlers } from '../../../src-shared/contract/types';
import type { KioskState } from '../../../src-shared/signing/kiosk-state';
import { currentUser } from '../app/app-service';
import type { ServiceContext } from '../context';
import { signingState } from './signing-state';

/**
 * The kiosk for signing in person: while it is locked the main side itself refuses every call but the signer's own
 * (their document, their code, their signature), so a counterparty at the keyboard cannot reach the rest of the app
 * however the page is tampered with. Kept in SQLite: a reload or a restart comes back locked. Only the employee's
 * PIN opens it; five wrong PINs shut it for a quarter of an hour (not for good: the app would be unusable until
 * someone edited its database), which makes guessing a 4–8 digit PIN hopeless.
 */
const kioskKey = 'kiosk.lock';
export const maxPinAttempts = 5;
export const pinLockMs = 15 * 60_000;

interface KioskLock {
  documentId: string;
  signerId: number;
  salt: string;
  pinHash: string;
  attempts: number;
  /** Set by the fifth wrong PIN: until then even the right PIN is refused. */
  pinLockedUntil?: string;
  lockedBy: string;
}


const pinHash = (salt: string, pin: string) => createHash('sha256').update(`${salt}:${pin}`).digest('hex');

async function readLock(ctx: ServiceContext): Promise<KioskLock | null> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', kioskKey).executeTakeFirst();
  return row ? (JSON.parse(row.value) as KioskLock) : null;
}

async function writeLock(ctx: ServiceContext, lock: KioskLock | null): Promise<void> {
  if (!lock) {
    await ctx.db.deleteFrom('settings').where('key', '=', kioskKey).execute();
    return;
  }
  const value = JSON.stringify(lock);
  await ctx.db.insertInto('settings').values({ key: kioskKey, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

export async function kioskState(ctx: ServiceContext): Promise<KioskState> {
  const lock = await readLock(ctx);
  return lock ? { locked: true, documentId: lock.documentId, signerId: lock.signerId } : { locked: false };
}

export async function lockKiosk(ctx: ServiceContext, input: { documentId: string; signerId: number; pin: string }): Promise<KioskState> {
  const employee = await currentUser(ctx);
  if (await readLock(ctx)) throw new AppError('VALIDATION', 'kiosk.alreadyLocked');
  const state = await signingState(ctx, input.documentId);
  const signer = state.doc.signers.find((s) => s.id === input.signerId);
  if (!signer || signer.side !== 'counterparty') throw new AppError('VALIDATION', 'signing.inPerson.notInPerson');
  const salt = randomBytes(16).toString('hex');
  await writeLock(ctx, { documentId: input.documentId, signerId: input.signerId, salt, pinHash: pinHash(salt, input.pin), attempts: 0, lockedBy: employee.id });
  return kioskState(ctx);
}

export async function unlockKiosk(ctx: ServiceContext, input: { pin: string }): Promise<KioskState> {
  const lock = await readLock(ctx);
  if (!lock) return { locked: false };
  const now = ctx.now();
  if (lock.pinLockedUntil && now.toISOString() < lock.pinLockedUntil) throw new AppError('FORBIDDEN', 'kiosk.pinLocked', { until: lock.pinLockedUntil });
  const attempts = lock.pinLockedUntil ? 0 : lock.attempts;
  const ok = timingSafeEqual(Buffer.from(pinHash(lock.salt, input.pin), 'hex'), Buffer.from(lock.pinHash, 'hex'));
  if (!ok) {
    const wrong = attempts + 1;
    const shut = wrong >= maxPinAttempts;
    const { pinLockedUntil: _, ...rest } = lock;
    await writeLock(ctx, { ...rest, attempts: shut ? 0 : wrong, ...(shut ? { pinLockedUntil: new Date(now.getTime() + pinLockMs).toISOString() } : {}) });
    throw shut ? new AppError('FORBIDDEN', 'kiosk.pinLocked') : new AppError('VALIDATION', 'kiosk.wrongPin', { count: maxPinAttempts - wrong });
  }
  await writeLock(ctx, null);
  return { locked: false };
}

/** What a locked kiosk still answers; `scope` says which input names the document and the signer that must match. */
const allowedWhileLocked: Partial<Record<CallName, { document?: 'documentId' | 'id'; signer?: 'signerId' }>> = {
  'app.info': {},
  'events.wait': {},
  'settings.setLanguage': {},
  'kiosk.state': {},
  'kiosk.unlock': {},
  'documents.get': { document: 'id' },
  'documents.file': { document: 'id' },
  'documents.fields.get': { document: 'id' },
  'signing.inPerson.start': { document: 'documentId', signer: 'signerId' },
  'signing.inPerson.check': { document: 'documentId', signer: 'signerId' },
  'signing.inPerson.sign': { document: 'documentId', signer: 'signerId' },
  'signing.inPerson.decline': { document: 'documentId', signer: 'signerId' },
};

/** Every handler behind the kiosk check: one place, so a call added later is refused while locked unless listed above. */
export function guardedByKiosk(ctx: ServiceContext, handlers: Handlers): Handlers {
  const guarded = {} as Record<string, (input: unknown, call: unknown) => unknown>;
  for (const [name, handler] of Object.entries(handlers) as [CallName, (input: unknown, call: unknown) => unknown][]) {
    guarded[name] = async (input, call) => {
      const lock = await readLock(ctx);
      if (lock) {
        const scope = allowedWhileLocked[name];
        const fields = input as Record<string, unknown>;
        const inScope = scope && (!scope.document || fields[scope.document] === lock.documentId) && (!scope.signer || fields[scope.signer] === lock.signerId);
        if (!inScope) throw new AppError('FORBIDDEN', 'kiosk.locked');
      }
      return handler(input, call);
    };
  }
  return guarded as unknown as Handlers;
}
