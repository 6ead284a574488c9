import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../src-main/test-support/temp-services';
import { ApiError } from '../http/api-error';
import { openServerStore, type ServerStore } from '../store/open-server-store';
import { redeemPairingCode } from './pairing-codes';

/**
 * The pairing limits under load: many wrong codes tried at once against the real store. Called directly rather than
 * over HTTP, so every attempt is in flight before the first is judged (HTTP requests arrive one by one and hide the race).
 */
const stores: ServerStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

const now = new Date('2026-03-02T09:00:00Z');

async function parallelWrongCodes(limits: { perAddress: number; total: number }, attempts: number) {
  const store = await openServerStore(tempDir('signet-pairing-race-'));
  stores.push(store);
  const outcomes = await Promise.all(
    Array.from({ length: attempts }, (_, i) =>
      redeemPairingCode(store.db, { code: 'ZZZZZZZZZZ', deviceName: `guess ${i}`, ip: `192.0.2.${i % 2}`, now, limits: { windowMs: 60_000, ...limits } }).then(
        () => 'paired',
        (error: unknown) => (error instanceof ApiError ? error.code : String(error)),
      ),
    ),
  );
  const counted = await store.db.selectFrom('pairing_failures').select('id').execute();
  return { judged: outcomes.filter((o) => o === 'PAIRING_CODE_INVALID').length, limited: outcomes.filter((o) => o === 'PAIRING_RATE_LIMITED').length, counted: counted.length };
}

describe('the pairing limits with wrong codes tried in parallel', () => {
  it('judges at most the per-address limit from each address and refuses the rest as rate-limited (429)', async () => {
    expect(await parallelWrongCodes({ perAddress: 3, total: 100 }, 24)).toEqual({ judged: 6, limited: 18, counted: 6 });
  });

  it('judges at most the total limit across addresses and refuses the rest as rate-limited (429)', async () => {
    expect(await parallelWrongCodes({ perAddress: 100, total: 4 }, 24)).toEqual({ judged: 4, limited: 20, counted: 4 });
  });
});
