import type { FastifyInstance } from 'fastify';
import { deviceForToken, type Device } from '../pairing/devices';
import type { ServerStore } from '../store/open-server-store';
import { ApiError } from './api-error';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a device token (pairing itself). Every other /api/v1 route needs one. */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The paired desktop whose token came with the request (set by the auth hook). */
    device?: Device;
  }
}

const bearer = /^Bearer ([A-Za-z0-9_-]{1,256})$/;

/**
 * The one authentication check of the API, added to the /api/v1 scope: a route is closed unless it says `public`, so a
 * route added later cannot be left open by forgetting a check. A missing, unknown or revoked token is 401.
 */
export function registerAuthentication(api: FastifyInstance, store: ServerStore, now: () => Date): void {
  api.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public) return;
    const match = bearer.exec(request.headers.authorization ?? '');
    const device = match ? await deviceForToken(store.db, match[1]!, now()) : null;
    if (!device) throw new ApiError('UNAUTHENTICATED');
    request.device = device;
  });
}

/** The device of an authenticated route (the hook has run). */
export function deviceOf(request: { device?: Device }): Device {
  if (!request.device) throw new ApiError('UNAUTHENTICATED');
  return request.device;
}
