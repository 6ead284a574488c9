import { z } from 'zod';
import type { AccessLevel, PermissionAction } from './actions';
import { roleInputSchema, type Role } from './roles';

/** The contract's inputs and outputs of the Access permissions section (issue 8). */

const id = z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(64, { error: 'validation.tooLong' });
const roleIds = z.array(id).max(50, { error: 'validation.tooMany' });
export const departmentName = z.string().trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' });

export const saveRoleInput = roleInputSchema;
export const deleteRoleInput = z.object({ id });
/** An employee's own roles and department (the department brings that department's roles too). */
export const assignUserInput = z.object({ userId: id, roleIds, department: departmentName.nullable() });
export const assignDepartmentInput = z.object({ department: departmentName, roleIds });
export const permissionHistoryInput = z.object({ offset: z.int().min(0).default(0), limit: z.int().min(1).max(200).default(50) });

export interface PermissionUser {
  id: string;
  name: string;
  department: string | null;
  roleIds: string[];
}

export interface PermissionDepartment {
  name: string;
  roleIds: string[];
}

/** The whole section: the roles' matrices, who holds them, and what the asking employee may do. */
export interface PermissionsView {
  roles: Role[];
  users: PermissionUser[];
  departments: PermissionDepartment[];
  /** The asking employee's level per action (what the renderer shows or hides; the services decide). */
  grants: Record<PermissionAction, AccessLevel>;
}

/** One audited change of permissions: who made it, when, what it was before and after (JSON values). */
export interface PermissionChange {
  id: string;
  at: string;
  actorId: string;
  actorName: string;
  kind: 'roleSaved' | 'roleDeleted' | 'userAssigned' | 'departmentAssigned';
  /** The role's, employee's or department's name as it was. */
  subject: string;
  before: unknown;
  after: unknown;
}

export interface PermissionHistory {
  items: PermissionChange[];
  total: number;
}
