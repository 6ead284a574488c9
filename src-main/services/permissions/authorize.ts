import { AppError } from '../../../src-shared/contract/errors';
import type { CallName } from '../../../src-shared/contract/calls';
import type { Handlers } from '../../../src-shared/contract/types';
import type { PermissionAction } from '../../../src-shared/permissions/actions';
import { callRequirements, type CallRequirement } from '../../../src-shared/permissions/call-requirements';
import { can, levelOf } from '../../../src-shared/permissions/policy';
import type { ServiceContext } from '../context';
import { ownershipOf } from './document-scope';
import { loadPolicy, subjectOf } from './policy-store';

/**
 * The one authorization step of the desktop (issue 8, item 3): every contract call, from any transport (IPC, the
 * browser host's WebSocket), passes here after its input is parsed and before its service runs, and is refused unless
 * the employee working now holds what `callRequirements` says the call needs. A refusal is FORBIDDEN with the action,
 * and logged with who asked what.
 */
export function authorized(ctx: ServiceContext, handlers: Handlers): Handlers {
  const guarded = {} as Record<string, (input: unknown, call: unknown) => unknown>;
  for (const [name, handler] of Object.entries(handlers) as [CallName, (input: unknown, call: unknown) => unknown][]) {
    guarded[name] = async (input, call) => {
      await authorize(ctx, name, input);
      return handler(input, call);
    };
  }
  return guarded as unknown as Handlers;
}

/**
 * For the few calls whose right depends on what they are asked (`anyone` in callRequirements, with the service telling
 * the cases apart): the same refusal as the step's.
 */
export async function requirePermission(ctx: ServiceContext, action: PermissionAction): Promise<void> {
  const [policy, subject] = await Promise.all([loadPolicy(ctx.db), subjectOf(ctx)]);
  if (!can(policy, subject, action)) refuse(ctx, action, subject.userId);
}

/** The one refusal of access permissions: logged with who asked what, FORBIDDEN with the action. */
function refuse(ctx: ServiceContext, action: PermissionAction, userId: string, call?: CallName): never {
  ctx.log.warn('call refused by access permissions', { ...(call ? { call } : {}), action, user: userId });
  throw new AppError('FORBIDDEN', 'permissions.forbidden', { action });
}

export async function authorize(ctx: ServiceContext, name: CallName, input: unknown): Promise<void> {
  const requirement = callRequirements[name] as CallRequirement;
  if (requirement.kind === 'anyone') return;
  const [policy, subject] = await Promise.all([loadPolicy(ctx.db), subjectOf(ctx)]);
  let allowed: boolean;
  if (requirement.kind === 'company') allowed = can(policy, subject, requirement.action);
  // The list's query keeps to the documents the level reaches (document-scope.ts); here, only "none at all" is refused.
  else if (requirement.kind === 'listed') allowed = levelOf(policy, subject, requirement.action) !== 'none';
  else {
    const owned = await ownershipOf(ctx.db, requirement.document(input as never));
    // A document that does not exist is the service's to answer (NOT_FOUND), as it would for anyone.
    if (!owned) return;
    allowed = can(policy, subject, requirement.action, { owned, ...(requirement.stage ? { stageId: requirement.stage(input as never) } : {}) });
  }
  if (!allowed) refuse(ctx, requirement.action, subject.userId, name);
}
