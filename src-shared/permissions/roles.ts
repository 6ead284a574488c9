import { z } from 'zod';
import { accessLevels, levelsOf, permissionActionNames, type AccessLevel, type PermissionAction } from './actions';

/** The five roles every company starts with; editable, and more can be added (`builtin` null). */
export const builtinRoles = ['administrator', 'director', 'manager', 'employee', 'viewer'] as const;
export type BuiltinRole = (typeof builtinRoles)[number];

export type RoleLevels = Record<PermissionAction, AccessLevel>;

export interface Role {
  id: string;
  /** A custom role's name; a built-in role's is its translation (`permissions.roles.<builtin>`) unless renamed. */
  name: string | null;
  builtin: BuiltinRole | null;
  levels: RoleLevels;
  /** Per stage id: the level for moving a document into that stage; a stage not named takes `levels['documents.move']`. */
  stageMoves: Record<string, AccessLevel>;
}

const levels = (entries: Partial<RoleLevels>, rest: AccessLevel = 'none'): RoleLevels =>
  Object.fromEntries(permissionActionNames.map((action) => [action, clampTo(action, entries[action] ?? rest)])) as RoleLevels;

/** A level an action cannot have (a company action given `own`) becomes the nearest it can: `all` for any grant. */
export function clampTo(action: PermissionAction, level: AccessLevel): AccessLevel {
  if (levelsOf(action).includes(level)) return level;
  return level === 'none' ? 'none' : 'all';
}

/**
 * The built-in roles' matrices as a new company gets them. The administrator may do everything; the director sees
 * and signs every document for the company; a manager works with the department's documents; an employee with their
 * own; a viewer sees the board and the contacts and changes nothing.
 */
export const defaultRoleLevels: Record<BuiltinRole, RoleLevels> = {
  administrator: levels({}, 'all'),
  director: levels({
    'documents.view': 'all',
    'documents.create': 'all',
    'documents.edit': 'all',
    'documents.delete': 'own',
    'documents.send': 'all',
    'documents.signForCompany': 'all',
    'documents.cancelResend': 'all',
    'documents.move': 'all',
    'documents.export': 'all',
    'contacts.view': 'all',
    'contacts.edit': 'all',
    'contacts.import': 'all',
    'templates.manage': 'all',
  }),
  manager: levels({
    'documents.view': 'department',
    'documents.create': 'all',
    'documents.edit': 'department',
    'documents.delete': 'department',
    'documents.send': 'department',
    'documents.cancelResend': 'department',
    'documents.move': 'department',
    'documents.export': 'department',
    'contacts.view': 'all',
    'contacts.edit': 'all',
    'contacts.import': 'all',
    'templates.manage': 'all',
  }),
  employee: levels({
    'documents.view': 'own',
    'documents.create': 'all',
    'documents.edit': 'own',
    'documents.delete': 'own',
    'documents.send': 'own',
    'documents.cancelResend': 'own',
    'documents.move': 'own',
    'documents.export': 'own',
    'contacts.view': 'all',
    'contacts.edit': 'all',
  }),
  viewer: levels({ 'documents.view': 'all', 'contacts.view': 'all' }),
};

/** The built-in roles' ids, the same on every desktop and on the server, so that sync merges them instead of doubling them. */
export const builtinRoleId = (role: BuiltinRole) => `role:${role}`;

export function defaultRoles(): Role[] {
  return builtinRoles.map((builtin) => ({ id: builtinRoleId(builtin), name: null, builtin, levels: { ...defaultRoleLevels[builtin] }, stageMoves: {} }));
}

const levelSchema = z.enum(accessLevels, { error: 'validation.choice' });

/** A role's matrix as a form sends it: every action named, each at a level it can have. */
export const roleLevelsSchema = z
  .object(Object.fromEntries(permissionActionNames.map((action) => [action, levelSchema])) as Record<PermissionAction, typeof levelSchema>)
  .strict()
  .superRefine((value, ctx) => {
    for (const action of permissionActionNames) {
      if (!levelsOf(action).includes(value[action])) ctx.addIssue({ code: 'custom', path: [action], message: 'permissions.levelNotForAction' });
    }
  });

export const roleInputSchema = z.object({
  /** None: a new custom role. */
  id: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1, { error: 'validation.required' }).max(100, { error: 'validation.tooLong' }).nullable(),
  levels: roleLevelsSchema,
  stageMoves: z.record(z.string().min(1).max(64), levelSchema).default({}),
});
export type RoleInput = z.input<typeof roleInputSchema>;
