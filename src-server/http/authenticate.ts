import type { FastifyInstance } from 'fastify';
import { accountById, type AccountRow } from '../accounts/accounts';
import { deviceForToken, type Device } from '../pairing/devices';
import type { ServerStore } from '../store/open-server-store';
import { ApiError } from './api-error';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a device token (pairing itself). Every other /api/v1 route needs one. */
    public?: boolean;
    /** Only for a device of an administrator's account; anyone else is refused 403 FORBIDDEN. */
    admin?: boolean;
  }
  interface FastifyRequest {
    /** The paired desktop whose token came with the request (set by the auth hook). */
    device?: Device;
    /** The account that desktop signed in as (set by the auth hook). */
    account?: AccountRow;
  }
}

const bearer = /^Bearer ([A-Za-z0-9_-]{1,256})$/;

/**
 * The one authentication check of the API, added to the /api/v1 scope: a route is closed unless it says `public`, and
 * an administrator's route says `admin`, so a route added later cannot be left open by forgetting a check. The refusals
 * are told apart for the desktop, which shows why it stopped: no or an unknown token 401 UNAUTHENTICATED, a revoked
 * device 401 DEVICE_REVOKED, a disabled account 403 ACCOUNT_DISABLED, not an administrator 403 FORBIDDEN.
 */
export function registerAuthentication(api: FastifyInstance, store: ServerStore, now: () => Date): void {
  api.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public) return;
    const match = bearer.exec(request.headers.authorization ?? '');
    const device = match ? await deviceForToken(store.db, match[1]!, now()) : null;
    if (!device) throw new ApiError('UNAUTHENTICATED');
    if (device.revokedAt) throw new ApiError('DEVICE_REVOKED');
    const account = device.accountId ? await accountById(store.db, device.accountId) : undefined;
    if (!account) throw new ApiError('UNAUTHENTICATED');
    if (account.disabled_at) throw new ApiError('ACCOUNT_DISABLED');
    if (request.routeOptions.config.admin && !account.is_admin) throw new ApiError('FORBIDDEN');
    request.device = device;
    request.account = account;
  });
}

/** The device of an authenticated route (the hook has run). */
export function deviceOf(request: { device?: Device }): Device {
  if (!request.device) throw new ApiError('UNAUTHENTICATED');
  return request.device;
}

/** The account of an authenticated route (the hook has run). */
export function accountOf(request: { account?: AccountRow }): AccountRow {
  if (!request.account) throw new ApiError('UNAUTHENTICATED');
  return request.account;
}
