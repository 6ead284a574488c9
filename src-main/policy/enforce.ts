import { AppError } from '../../src-shared/contract/errors';
import type { LockedSetting, Policy } from '../../src-shared/policy/policy';
import type { ServiceContext } from '../services/context';

/*
 * Where the services apply the machine's managed policy (issue 10, item 4): a value it fixes is the one the app
 * uses, whatever the user stored, and a change to it is refused with `policy.locked` naming the setting.
 */

export function policyOf(ctx: Pick<ServiceContext, 'policy'>): Policy {
  return ctx.policy?.policy ?? {};
}

export function lockedError(setting: LockedSetting): AppError {
  return new AppError('FORBIDDEN', 'policy.locked', { setting });
}

/** Refuses a submitted value that is not the one the policy fixes (none fixed: anything goes). */
export function keepToPolicy<T>(setting: LockedSetting, submitted: T, fixed: T | undefined): void {
  if (fixed !== undefined && canonical(submitted) !== canonical(fixed)) throw lockedError(setting);
}

/** JSON with every object's keys in order and absent values dropped, so two parses of one value compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
