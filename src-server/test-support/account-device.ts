import { enrolResponseSchema, newAccountSchema } from '../../src-shared/company-server/account-api';
import { createAccount, type AccountRow } from '../accounts/accounts';
import { createEnrolmentCode } from '../accounts/enrolment';
import type { PairedDevice } from './paired-device';
import type { TestServer } from './test-server';

export interface AccountDevice extends PairedDevice {
  account: AccountRow;
}

/**
 * A desktop of a new account, as an employee gets one: the account made, an invitation's code spent on POST /enrol.
 * Unlike pairDevice (the built-in Administrator's), its rights are the account's own.
 */
export async function enrolAccountDevice(server: TestServer, who: { name: string; email: string; department?: string; isAdmin?: boolean; isSigner?: boolean }): Promise<AccountDevice> {
  const account = await createAccount(server.store.db, newAccountSchema.parse(who), new Date());
  const { code } = await createEnrolmentCode(server.store.db, account.id, new Date());
  const response = await fetch(`${server.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: `Laptop ${who.name}` }) });
  if (response.status !== 200) throw new Error(`enrolment failed: HTTP ${response.status} ${await response.text()}`);
  const { token, deviceId } = enrolResponseSchema.parse(await response.json());
  return {
    account,
    deviceId,
    token,
    fetch: (path, init = {}) => fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } }),
  };
}
