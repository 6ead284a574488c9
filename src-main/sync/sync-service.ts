import type { SyncStatus } from '../../src-shared/sync/protocol';
import type { ServiceContext } from '../services/context';
import { syncWorkerOf } from './sync-worker';

const off: SyncStatus = { state: 'off' };

export async function syncStatus(ctx: ServiceContext): Promise<SyncStatus> {
  return (await syncWorkerOf(ctx)?.status()) ?? off;
}

export async function syncNow(ctx: ServiceContext): Promise<SyncStatus> {
  return (await syncWorkerOf(ctx)?.runNow()) ?? off;
}
