import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { enrolmentCodeLength, enrolmentCodeValidityMs, formatEnrolmentCode } from '../../src-shared/company-server/account-api';
import { pairingCodeAlphabet } from '../../src-shared/company-server/pairing-code';
import { withAttemptLimit, type AttemptLimits, type Refusal } from '../pairing/attempts';
import { newApiToken, sha256Hex } from '../pairing/secrets';
import type { ServerDatabase } from '../store/schema';
import { accountById, type AccountRow } from './accounts';

type Db = Kysely<ServerDatabase>;

function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < enrolmentCodeLength; i++) code += pairingCodeAlphabet[randomInt(pairingCodeAlphabet.length)];
  return code;
}

/**
 * A new code for an account, in `db` (the invitation's transaction, with its e-mail). Only its hash is kept; the
 * account's earlier unused codes stop working, so a re-sent invitation leaves one code that enrols.
 */
export async function createEnrolmentCode(db: Db, accountId: string, now: Date): Promise<{ code: string; expiresAt: string }> {
  const code = newEnrolmentCode();
  const nowIso = now.toISOString();
  const expiresAt = new Date(now.getTime() + enrolmentCodeValidityMs).toISOString();
  await db.updateTable('enrolment_codes').set({ expires_at: nowIso }).where('account_id', '=', accountId).where('used_at', 'is', null).where('expires_at', '>', nowIso).execute();
  await db.insertInto('enrolment_codes').values({ hash: sha256Hex(code), account_id: accountId, created_at: nowIso, expires_at: expiresAt, used_at: null, device_id: null }).execute();
  return { code: formatEnrolmentCode(code), expiresAt };
}

export interface Enrol {
  /** Normalised by the request schema. */
  code: string;
  deviceName: string;
  ip: string;
  now: Date;
  limits: AttemptLimits;
}

/**
 * Spends an enrolment code on a new device of its account, as redeemPairingCode does a pairing code, under the same
 * attempt limits: wrong codes of either kind count per address together, so guessing one kind buys no tries at the
 * other. A disabled account's code enrols nobody (not counted: the code was right).
 */
export async function redeemEnrolmentCode(db: Db, input: Enrol): Promise<{ token: string; deviceId: string; account: AccountRow }> {
  const nowIso = input.now.toISOString();
  return withAttemptLimit(db, input, async (trx): Promise<{ token: string; deviceId: string; account: AccountRow } | Refusal> => {
    const row = await trx.selectFrom('enrolment_codes').selectAll().where('hash', '=', sha256Hex(input.code)).executeTakeFirst();
    if (!row) return { refused: 'ENROLMENT_CODE_INVALID' };
    if (row.used_at) return { refused: 'ENROLMENT_CODE_USED' };
    if (row.expires_at <= nowIso) return { refused: 'ENROLMENT_CODE_EXPIRED' };
    const account = await accountById(trx, row.account_id);
    if (!account) return { refused: 'ENROLMENT_CODE_INVALID' };
    if (account.disabled_at) return { refused: 'ACCOUNT_DISABLED', uncounted: true };
    const token = newApiToken();
    const deviceId = randomUUID();
    await trx.insertInto('devices').values({ id: deviceId, name: input.deviceName, token_hash: sha256Hex(token), created_at: nowIso, last_seen_at: nowIso, revoked_at: null, account_id: account.id }).execute();
    await trx.updateTable('enrolment_codes').set({ used_at: nowIso, device_id: deviceId }).where('hash', '=', row.hash).where('used_at', 'is', null).execute();
    return { token, deviceId, account };
  });
}
