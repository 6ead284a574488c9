import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { serverServiceName } from '../../src-shared/company-server/api';
import { accountEditSchema, enrolmentLink, enrolRequestSchema, newAccountSchema, type EnrolResponse, type Invitation, type Me } from '../../src-shared/company-server/account-api';
import { accountOut, createAccount, editAccount, listAccounts, requireAccount, setAccountDisabled } from '../accounts/accounts';
import { createEnrolmentCode, redeemEnrolmentCode } from '../accounts/enrolment';
import { invitationMessage, type AccountOutbox } from '../accounts/invitation-mail';
import type { AttemptLimits } from '../pairing/attempts';
import { listDevices, revokeAccountDevices, revokeDevice } from '../pairing/devices';
import type { ServerStore } from '../store/open-server-store';
import { ApiError } from './api-error';
import { accountOf, deviceOf } from './authenticate';
import { parseBody } from './error-handler';

export interface AccountRouteOptions {
  store: ServerStore;
  serverId: string;
  serverName?: string | undefined;
  now(): Date;
  limits: AttemptLimits;
  /** The address desktops reach the server at, for the invitation's link; the request's own address without it. */
  publicUrl(): string | undefined;
  outbox?: AccountOutbox | undefined;
}

const idParams = z.object({ id: z.string().min(1).max(64) });
const admin = { config: { admin: true } } as const;

/**
 * Employees' accounts: the administrator's calls (each `admin`, refused by the auth hook for anyone else), the public
 * enrolment an invitation's code is spent on, and `me`. An administrator cannot disable or demote their own account,
 * so the last one cannot lock everybody out by a slip.
 */
export function registerAccountRoutes(api: FastifyInstance, options: AccountRouteOptions): void {
  const { store, now } = options;
  const db = store.db;
  const idOf = (request: FastifyRequest) => parseBody(idParams, request.params).id;
  const notSelf = (request: FastifyRequest, id: string) => {
    if (accountOf(request).id === id) throw new ApiError('BAD_REQUEST', { messageKey: 'accounts.api.notOnYourself' });
  };

  api.post('/enrol', { config: { public: true } }, async (request) => {
    const { code, deviceName } = parseBody(enrolRequestSchema, request.body);
    const { token, deviceId, account } = await redeemEnrolmentCode(db, { code, deviceName, ip: request.ip, now: now(), limits: options.limits });
    request.log.info({ deviceId, deviceName, accountId: account.id }, 'desktop enrolled');
    return { service: serverServiceName, token, deviceId, serverId: options.serverId, ...(options.serverName ? { serverName: options.serverName } : {}), account: accountOut(account) } satisfies EnrolResponse;
  });

  api.get('/me', async (request) => ({ account: accountOut(accountOf(request)), deviceId: deviceOf(request).id, serverId: options.serverId }) satisfies Me);

  api.get('/accounts', admin, async () => ({ accounts: await listAccounts(db) }));

  api.post('/accounts', admin, async (request, reply) => {
    const row = await createAccount(db, parseBody(newAccountSchema, request.body), now());
    return reply.code(201).send({ account: accountOut(row) });
  });

  api.post('/accounts/:id', admin, async (request) => {
    const id = idOf(request);
    const edit = parseBody(accountEditSchema, request.body);
    if (edit.isAdmin === false) notSelf(request, id);
    return { account: accountOut(await editAccount(db, id, edit, now())) };
  });

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    api.post(`/accounts/:id/${path}`, admin, async (request) => {
      const id = idOf(request);
      if (disabled) notSelf(request, id);
      return { account: accountOut(await setAccountDisabled(db, id, disabled, now())) };
    });
  }

  api.post('/accounts/:id/reset-devices', admin, async (request) => {
    const id = idOf(request);
    await requireAccount(db, id);
    return { revoked: await revokeAccountDevices(db, id, now()) };
  });

  api.get('/accounts/:id/devices', admin, async (request) => {
    const id = idOf(request);
    await requireAccount(db, id);
    const devices = await listDevices(db, id);
    return { devices: devices.map(({ accountId: _, ...device }) => device) };
  });

  api.post('/devices/:id/revoke', admin, async (request, reply) => {
    if (!(await revokeDevice(db, idOf(request), now()))) throw new ApiError('NOT_FOUND');
    return reply.code(204).send();
  });

  /** (Re)sends the invitation: a fresh code (the earlier ones stop working) and its e-mail, committed together. */
  api.post('/accounts/:id/invitation', admin, async (request) => {
    const id = idOf(request);
    const account = await requireAccount(db, id);
    const outbox = options.outbox;
    if (!outbox) throw new ApiError('UNAVAILABLE', { messageKey: 'accounts.api.noOutbox' });
    const serverUrl = (options.publicUrl() ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
    return db.transaction().execute(async (trx) => {
      const { code, expiresAt } = await createEnrolmentCode(trx, id, now());
      const link = enrolmentLink(serverUrl, code);
      const language = accountOut(account).language;
      await outbox(trx, invitationMessage({ to: account.email, language, company: options.serverName ?? 'Signet', name: account.name, serverUrl, code, link, expiresAt }));
      request.log.info({ accountId: id }, 'invitation sent');
      return { code, link, expiresAt } satisfies Invitation;
    });
  });
}
