import { higher, permissionActions, type AccessLevel, type PermissionAction } from './actions';
import type { Role } from './roles';

/**
 * Who holds which roles: an employee's own, and those of their department (every member holds them). An employee's
 * level for an action is the highest any of those roles gives: roles only add up, none takes a right away.
 */
export interface Policy {
  roles: readonly Role[];
  /** user id → role ids */
  users: Readonly<Record<string, readonly string[]>>;
  /** department name → role ids */
  departments: Readonly<Record<string, readonly string[]>>;
}

/** Who is asking: the employee at the keyboard (the desktop's current user, or the account behind a device token). */
export interface Subject {
  userId: string;
  department: string | null;
}

/** What a document action is taken on: whose it is and in which department. */
export interface Owned {
  ownerId: string;
  department: string | null;
}

export function rolesOf(policy: Policy, subject: Subject): Role[] {
  const ids = new Set([...(policy.users[subject.userId] ?? []), ...(subject.department ? (policy.departments[subject.department] ?? []) : [])]);
  return policy.roles.filter((role) => ids.has(role.id));
}

/** The subject's level for an action (for `documents.move`, into `stageId` when given). */
export function levelOf(policy: Policy, subject: Subject, action: PermissionAction, stageId?: string): AccessLevel {
  let level: AccessLevel = 'none';
  for (const role of rolesOf(policy, subject)) {
    const own = action === 'documents.move' && stageId !== undefined ? (role.stageMoves[stageId] ?? role.levels[action]) : role.levels[action];
    level = higher(level, own);
  }
  return level;
}

/** Whether a level reaches a document: its owner for `own`, the owner's department for `department` (and one's own). */
export function reaches(level: AccessLevel, subject: Subject, owned: Owned): boolean {
  switch (level) {
    case 'all':
      return true;
    case 'department':
      return owned.ownerId === subject.userId || (subject.department !== null && owned.department === subject.department);
    case 'own':
      return owned.ownerId === subject.userId;
    case 'none':
      return false;
  }
}

/**
 * Whether the subject may take `action`: a company action when granted; a document action on `owned` when the level
 * reaches it, or (without a document: "may they at all?", what the UI asks) when granted at any level.
 */
export function can(policy: Policy, subject: Subject, action: PermissionAction, target: { owned?: Owned; stageId?: string } = {}): boolean {
  const level = levelOf(policy, subject, action, target.stageId);
  if (permissionActions[action] === 'flag' || !target.owned) return level !== 'none';
  return reaches(level, subject, target.owned);
}

/**
 * Which documents a level lets a query return, for the store to turn into its WHERE (the same rule as `reaches`, so a
 * list never holds a row the subject could not open).
 */
export type DocumentScope = { kind: 'none' } | { kind: 'all' } | { kind: 'own'; userId: string } | { kind: 'department'; userId: string; department: string | null };

export function documentScope(policy: Policy, subject: Subject, action: PermissionAction = 'documents.view'): DocumentScope {
  const level = levelOf(policy, subject, action);
  if (level === 'all' || level === 'none') return { kind: level };
  if (level === 'own') return { kind: 'own', userId: subject.userId };
  return { kind: 'department', userId: subject.userId, department: subject.department };
}

/** Every action's level for the subject, for the renderer to hide what they cannot do (the services still decide). */
export function grantsOf(policy: Policy, subject: Subject): Record<PermissionAction, AccessLevel> {
  return Object.fromEntries((Object.keys(permissionActions) as PermissionAction[]).map((action) => [action, levelOf(policy, subject, action)])) as Record<PermissionAction, AccessLevel>;
}

/**
 * The subject's `documents.move` level into each stage some role of theirs sets apart (keyed by stage id); any other
 * stage takes their overall level, `grantsOf`'s.
 */
export function stageMoveGrantsOf(policy: Policy, subject: Subject): Record<string, AccessLevel> {
  const stageIds = new Set(rolesOf(policy, subject).flatMap((role) => Object.keys(role.stageMoves)));
  return Object.fromEntries([...stageIds].map((stageId) => [stageId, levelOf(policy, subject, 'documents.move', stageId)]));
}

/** The employees among `people` who may manage access permissions under `policy`. */
export function permissionManagers(policy: Policy, people: readonly Subject[]): Subject[] {
  return people.filter((person) => levelOf(policy, person, 'permissions.manage') === 'all');
}
