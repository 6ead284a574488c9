import os from 'node:os';
import type { z } from 'zod';
import { apiPrefix, pairResponseSchema, type ApiErrorCode, type PairResponse } from '../../../src-shared/company-server/api';
import { formatPairingCode } from '../../../src-shared/company-server/pairing-code';
import type { CompanyServerState, CompanyServerUnpaired, companyServerPairInput } from '../../../src-shared/company-server/link';
import { lockedError } from '../../policy/enforce';
import { AppError, validationError } from '../../../src-shared/contract/errors';
import { nowIso, type ServiceContext } from '../context';
import { keyLocation, newKeyRef, parseKeyRef, secretStoreAt } from '../identity/key-location';
import { requirePermission } from '../permissions/authorize';
import { companyServerClient } from './client';
import { followerOf } from './event-follower';
import { forgetAccount, signedInAccount } from './account-session';
import { currentUser } from '../app/app-service';
import { deleteLink, linkAllowed, readLink, stateOf, writeLink, type StoredLink } from './link-store';
import { answerOf, requestServer, type ServerAnswer } from './server-request';

/*
 * Linking this desktop to the company server (issue 6): the administrator types the server's address and the one-time
 * code `signet-server pair` printed there; the server answers with an API token, which goes to the keychain (or
 * safeStorage, where the administrator chose it for the company keys), and only its reference, the address and this
 * computer's device id reach SQLite. Anyone may see the state; only an administrator links or unlinks.
 */

export function suggestedDeviceName(): string {
  try {
    return os.hostname().slice(0, 100) || 'Signet';
  } catch {
    return 'Signet';
  }
}

export async function getCompanyServer(ctx: ServiceContext): Promise<CompanyServerState> {
  const state = stateOf(await readLink(ctx), suggestedDeviceName());
  // How the live feed stands, for Settings; absent where nothing follows it.
  const feed = state.linked ? followerOf(ctx)?.state() : undefined;
  return feed && state.linked ? { ...state, feed } : state;
}

/** The server's refusals of a code, each with the field it belongs to, so the card can show it there. */
const codeRefusals: Partial<Record<ApiErrorCode, string>> = {
  PAIRING_CODE_INVALID: 'companyServer.errors.codeInvalid',
  PAIRING_CODE_USED: 'companyServer.errors.codeUsed',
  PAIRING_CODE_EXPIRED: 'companyServer.errors.codeExpired',
  PAIRING_RATE_LIMITED: 'companyServer.errors.rateLimited',
  ENROLMENT_CODE_INVALID: 'accounts.api.codeInvalid',
  ENROLMENT_CODE_USED: 'accounts.api.codeUsed',
  ENROLMENT_CODE_EXPIRED: 'accounts.api.codeExpired',
  ACCOUNT_DISABLED: 'accounts.api.accountDisabled',
};

/** A refused pairing or enrolment: a code's refusal on the code field, anything else as the server said it. */
export function codeRefusal(url: string, answer: Extract<ServerAnswer, { ok: false }>): AppError {
  const key = codeRefusals[answer.error.code];
  if (key) return validationError([{ path: 'code', messageKey: key }]);
  return new AppError('TRANSPORT', 'companyServer.errors.refused', { url, status: answer.status, code: answer.error.code, message: answer.error.message });
}

export async function pairCompanyServer(ctx: ServiceContext, input: z.output<typeof companyServerPairInput>): Promise<CompanyServerState> {
  if (!linkAllowed(ctx, input.url)) throw lockedError('companyServer');
  if (await readLink(ctx)) throw new AppError('IN_USE', 'companyServer.errors.alreadyLinked');
  const answer = await requestServer(input.url, `${apiPrefix}/pair`, { method: 'POST', body: { code: formatPairingCode(input.code), deviceName: input.deviceName } });
  if (!answer.ok) throw codeRefusal(input.url, answer);
  const paired = answerOf(input.url, answer, pairResponseSchema);
  return stateOf(await keepLink(ctx, input.url, input.deviceName, paired), suggestedDeviceName());
}

/**
 * The token of a new device (paired or enrolled) into the keychain, and the link with its reference into SQLite; the
 * live feed follows the server from here on.
 */
export async function keepLink(ctx: ServiceContext, url: string, deviceName: string, paired: PairResponse): Promise<StoredLink> {
  const tokenRef = await newKeyRef(ctx, await keyLocation(ctx), 'company-server-token');
  const { location, account } = parseKeyRef(tokenRef);
  try {
    await secretStoreAt(ctx, location).set(account, paired.token);
  } catch (error) {
    // The server made a device whose token nobody will hold: have it forget that device, then say why.
    await requestServer(url, `${apiPrefix}/unpair`, { method: 'POST', token: paired.token }).catch(() => undefined);
    throw error;
  }
  const link = {
    url,
    deviceId: paired.deviceId,
    deviceName,
    serverId: paired.serverId,
    ...(paired.serverName ? { serverName: paired.serverName } : {}),
    pairedAt: nowIso(ctx),
    tokenRef,
  };
  await writeLink(ctx, link);
  followerOf(ctx)?.restart();
  ctx.log.info('company server linked', { url: link.url, deviceId: link.deviceId, serverId: link.serverId });
  return link;
}

/**
 * Forgets the link (and the signed-in account) here and, where the server can be reached, has it revoke this computer's token too. Unlinking
 * works with the server gone for good; `serverRevoked` tells the administrator whether to revoke it there by hand.
 */
export async function unpairCompanyServer(ctx: ServiceContext): Promise<CompanyServerUnpaired> {
  // Whoever manages the company's settings unlinks; an employee signed in with an invitation signs out their own desktop
  // (which is why the call needs no right of its own in call-requirements.ts).
  const signedIn = await signedInAccount(ctx);
  if (!signedIn || signedIn.id !== (await currentUser(ctx)).id) await requirePermission(ctx, 'settings.manage');
  const link = await readLink(ctx);
  if (!link) return { state: stateOf(null, suggestedDeviceName()), serverRevoked: false };
  let serverRevoked: boolean;
  try {
    await (await companyServerClient(ctx, { unlinking: true })).send('POST', `${apiPrefix}/unpair`);
    serverRevoked = true;
  } catch (error) {
    // A token the server already refuses is as good as revoked there.
    serverRevoked = error instanceof AppError && error.code === 'UNAUTHORIZED' && error.messageKey === 'companyServer.errors.tokenRefused';
    ctx.log.warn('company server: unlinking without the server', { url: link.url, reason: error instanceof AppError ? error.messageKey : String(error) });
  }
  const { location, account } = parseKeyRef(link.tokenRef);
  await secretStoreAt(ctx, location).delete(account);
  await deleteLink(ctx);
  await forgetAccount(ctx);
  followerOf(ctx)?.restart();
  ctx.log.info('company server unlinked', { url: link.url, deviceId: link.deviceId, serverRevoked });
  return { state: stateOf(null, suggestedDeviceName()), serverRevoked };
}
