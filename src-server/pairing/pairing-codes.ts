import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatPairingCode } from '../../src-shared/company-server/pairing-code';
import { builtinAdministratorId } from '../accounts/builtin-administrator';
import type { ServerDatabase } from '../store/schema';
import { withAttemptLimit, type AttemptLimits, type Refusal } from './attempts';
import { newApiToken, newPairingCode, sha256Hex } from './secrets';

export const pairingCodeValidityMs = 10 * 60_000;

/** A new code for `signet-server pair`: returned once, in its display form; the store keeps its hash. */
export async function createPairingCode(db: Kysely<ServerDatabase>, now: Date): Promise<{ code: string; expiresAt: string }> {
  const code = newPairingCode();
  const expiresAt = new Date(now.getTime() + pairingCodeValidityMs).toISOString();
  await db.insertInto('pairing_codes').values({ hash: sha256Hex(code), created_at: now.toISOString(), expires_at: expiresAt, used_at: null, device_id: null }).execute();
  return { code: formatPairingCode(code), expiresAt };
}

export interface Redeem {
  /** In its stored form (normalised by the request schema). */
  code: string;
  deviceName: string;
  ip: string;
  now: Date;
  limits: AttemptLimits;
}

/**
 * Spends a pairing code on a new device and returns that device's API token, which exists from here on only in the
 * answer; checking the code, marking it used and adding the device run under the attempt limits in one transaction
 * (withAttemptLimit), so two desktops racing with one code get one device between them.
 */
export async function redeemPairingCode(db: Kysely<ServerDatabase>, input: Redeem): Promise<{ token: string; deviceId: string }> {
  const nowIso = input.now.toISOString();
  return withAttemptLimit(db, input, async (trx): Promise<{ token: string; deviceId: string } | Refusal> => {
    const row = await trx.selectFrom('pairing_codes').selectAll().where('hash', '=', sha256Hex(input.code)).executeTakeFirst();
    if (!row) return { refused: 'PAIRING_CODE_INVALID' };
    if (row.used_at) return { refused: 'PAIRING_CODE_USED' };
    if (row.expires_at <= nowIso) return { refused: 'PAIRING_CODE_EXPIRED' };
    const token = newApiToken();
    const deviceId = randomUUID();
    await trx.insertInto('devices').values({ id: deviceId, name: input.deviceName, token_hash: sha256Hex(token), created_at: nowIso, last_seen_at: nowIso, revoked_at: null, account_id: await builtinAdministratorId(trx) }).execute();
    await trx.updateTable('pairing_codes').set({ used_at: nowIso, device_id: deviceId }).where('hash', '=', row.hash).where('used_at', 'is', null).execute();
    return { token, deviceId };
  });
}
