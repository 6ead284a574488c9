import type { z } from 'zod';
import { apiPrefix } from '../../../src-shared/company-server/api';
import { enrolResponseSchema, formatEnrolmentCode, meSchema, type Account, type companyServerEnrolInput } from '../../../src-shared/company-server/account-api';
import type { CompanyServerState } from '../../../src-shared/company-server/link';
import { lockedError } from '../../policy/enforce';
import { AppError } from '../../../src-shared/contract/errors';
import type { ServiceContext } from '../context';
import { rememberAccount, signedInAccount } from './account-session';
import { companyServerClient } from './client';
import { codeRefusal, keepLink, suggestedDeviceName } from './company-server-service';
import { linkAllowed, readLink, stateOf } from './link-store';
import { answerOf, requestServer } from './server-request';

/**
 * Signing in with an invitation (issue 7): the code is spent on a device of the employee's account, its token goes to
 * the keychain exactly as pairing puts it, and the account becomes this desktop's current user. Anyone at the keyboard
 * may: the code is the credential, as the pairing code is the administrator's.
 */
export async function enrolCompanyServer(ctx: ServiceContext, input: z.output<typeof companyServerEnrolInput>): Promise<CompanyServerState> {
  if (!linkAllowed(ctx, input.url)) throw lockedError('companyServer');
  if (await readLink(ctx)) throw new AppError('IN_USE', 'companyServer.errors.alreadyLinked');
  const answer = await requestServer(input.url, `${apiPrefix}/enrol`, { method: 'POST', body: { code: formatEnrolmentCode(input.code), deviceName: input.deviceName } });
  if (!answer.ok) throw codeRefusal(input.url, answer);
  const enrolled = answerOf(input.url, answer, enrolResponseSchema);
  const link = await keepLink(ctx, input.url, input.deviceName, enrolled);
  await rememberAccount(ctx, enrolled.account);
  if (!enrolled.account.isAdmin) await retireLocalProfiles(ctx, enrolled.account.id);
  return stateOf(link, suggestedDeviceName());
}

/**
 * Signed in as an employee, the desktop's rights are the company's: the profiles made here before (the first run's
 * administrator) keep their documents but no longer any role or administrator flag of their own, which the server
 * would refuse at the first sync anyway (and report as a refusal nobody asked for).
 */
async function retireLocalProfiles(ctx: ServiceContext, accountId: string): Promise<void> {
  const retired = await ctx.db.transaction().execute(async (trx) => {
    const held = await trx.deleteFrom('role_assignments').where('subject_kind', '=', 'user').where('subject', '!=', accountId).executeTakeFirst();
    await trx.updateTable('users').set({ is_admin: 0 }).where('id', '!=', accountId).execute();
    return Number(held.numDeletedRows);
  });
  if (retired > 0) ctx.log.info('local profiles retired on signing in with an account', { account: accountId, holdings: retired });
  ctx.events.publish({ type: 'usersChanged' });
}

/**
 * The account this desktop works as: asked of the server when it answers (an administrator's change of name or rights
 * then reaches the local user), else as remembered. A desktop paired with `pair` is told its account (the built-in
 * Administrator) but keeps its local users as they were: they own its documents.
 */
export async function currentAccount(ctx: ServiceContext): Promise<{ account: Account | null }> {
  if (!(await readLink(ctx))) return { account: null };
  try {
    const { account } = await (await companyServerClient(ctx)).call('GET', `${apiPrefix}/me`, meSchema);
    const remembered = await signedInAccount(ctx);
    if (remembered?.id === account.id) await rememberAccount(ctx, account);
    return { account };
  } catch (error) {
    // Unreachable, revoked or disabled: the desktop goes on as the person it was signed in as (sync says why it stopped).
    if (!(error instanceof AppError)) throw error;
    return { account: await signedInAccount(ctx) };
  }
}
