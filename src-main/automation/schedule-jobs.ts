import type { Transaction } from 'kysely';
import type { TriggerEvent } from '../../src-shared/automation/automation';
import type { Database } from '../store/schema';
import { desktopHost } from './desktop-host';
import * as engine from './engine/schedule';

/* The engine's scheduling (engine/schedule.ts) on this desktop's store, in the caller's transaction. */

export type { Cause } from './engine/schedule';

export function scheduleEntry(trx: Transaction<Database>, c: engine.Cause & { stageId: string; timeZone?: string; afterPosition?: number }): Promise<number> {
  return engine.scheduleEntry(desktopHost(trx, { ...(c.timeZone ? { timeZone: c.timeZone } : {}) }), trx, c);
}

export function scheduleTriggers(trx: Transaction<Database>, c: engine.Cause & { event: TriggerEvent; only?: readonly string[] }): Promise<number> {
  return engine.scheduleTriggers(desktopHost(trx), trx, c);
}
