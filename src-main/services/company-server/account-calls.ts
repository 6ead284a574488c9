import { apiPrefix } from '../../../src-shared/company-server/api';
import {
  accountDevicesSchema,
  accountListSchema,
  accountSchema,
  invitationSchema,
  type Account,
  type AccountDevice,
  type AccountList,
  type accountEditInput,
  type InvitedAccount,
  type Invitation,
  type NewAccountValues,
} from '../../../src-shared/company-server/account-api';
import { z } from 'zod';
import type { ServiceContext } from '../context';
import { companyServerClient } from './client';

/*
 * The administrator's Accounts panel: each call goes to the company server, which checks that the signed-in account
 * is an administrator (403 otherwise); nothing of it is kept here, so it needs the server to answer.
 */

const accountAnswer = z.object({ account: accountSchema });
const path = (id: string, rest = '') => `${apiPrefix}/accounts/${encodeURIComponent(id)}${rest}`;

export async function listAccounts(ctx: ServiceContext): Promise<AccountList> {
  return (await companyServerClient(ctx)).call('GET', `${apiPrefix}/accounts`, accountListSchema);
}

/** Makes the account and sends its invitation; the code comes back once, for the administrator to hand over if the e-mail does not arrive. */
export async function inviteAccount(ctx: ServiceContext, input: NewAccountValues): Promise<InvitedAccount> {
  const client = await companyServerClient(ctx);
  const { account } = await client.call('POST', `${apiPrefix}/accounts`, accountAnswer, input);
  const invitation = await client.call('POST', path(account.id, '/invitation'), invitationSchema);
  return { account, invitation };
}

export async function resendInvitation(ctx: ServiceContext, id: string): Promise<Invitation> {
  return (await companyServerClient(ctx)).call('POST', path(id, '/invitation'), invitationSchema);
}

export async function editAccount(ctx: ServiceContext, input: z.output<typeof accountEditInput>): Promise<Account> {
  const { id, ...edit } = input;
  return (await (await companyServerClient(ctx)).call('POST', path(id), accountAnswer, edit)).account;
}

export async function setAccountDisabled(ctx: ServiceContext, id: string, disabled: boolean): Promise<Account> {
  return (await (await companyServerClient(ctx)).call('POST', path(id, disabled ? '/disable' : '/enable'), accountAnswer)).account;
}

export async function resetAccountDevices(ctx: ServiceContext, id: string): Promise<{ revoked: number }> {
  return (await companyServerClient(ctx)).call('POST', path(id, '/reset-devices'), z.object({ revoked: z.number().int() }));
}

export async function accountDevices(ctx: ServiceContext, id: string): Promise<{ devices: AccountDevice[] }> {
  return (await companyServerClient(ctx)).call('GET', path(id, '/devices'), accountDevicesSchema);
}

export async function revokeAccountDevice(ctx: ServiceContext, id: string): Promise<{ ok: true }> {
  await (await companyServerClient(ctx)).send('POST', `${apiPrefix}/devices/${encodeURIComponent(id)}/revoke`);
  return { ok: true };
}
