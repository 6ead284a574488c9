import type { FastifyInstance } from 'fastify';
import { pairRequestSchema, serverServiceName, type PairResponse, type WhoAmI } from '../../src-shared/company-server/api';
import type { AttemptLimits } from '../pairing/attempts';
import { revokeDevice } from '../pairing/devices';
import { redeemPairingCode } from '../pairing/pairing-codes';
import type { ServerStore } from '../store/open-server-store';
import { deviceOf } from './authenticate';
import { parseBody } from './error-handler';

export interface PairingRouteOptions {
  store: ServerStore;
  serverId: string;
  serverName?: string | undefined;
  now(): Date;
  limits: AttemptLimits;
}

/** Pairing a desktop (public: the code is the credential), asking who a token belongs to, and a desktop unlinking itself. */
export function registerPairingRoutes(api: FastifyInstance, options: PairingRouteOptions): void {
  const { store, serverId, serverName, now, limits } = options;

  api.post('/pair', { config: { public: true } }, async (request) => {
    const { code, deviceName } = parseBody(pairRequestSchema, request.body);
    const { token, deviceId } = await redeemPairingCode(store.db, { code, deviceName, ip: request.ip, now: now(), limits });
    // Never the token: the log has the device's id and name only.
    request.log.info({ deviceId, deviceName }, 'desktop paired');
    return { service: serverServiceName, token, deviceId, serverId, ...(serverName ? { serverName } : {}) } satisfies PairResponse;
  });

  api.get('/whoami', async (request) => {
    const device = deviceOf(request);
    return { deviceId: device.id, deviceName: device.name, pairedAt: device.pairedAt, serverId } satisfies WhoAmI;
  });

  /** The desktop's "Unlink": its token stops working here too, as if revoked with `signet-server pair --revoke`. */
  api.post('/unpair', async (request, reply) => {
    const device = deviceOf(request);
    await revokeDevice(store.db, device.id, now());
    request.log.info({ deviceId: device.id }, 'desktop unpaired itself');
    return reply.code(204).send();
  });
}
