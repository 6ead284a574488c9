import type { TFunction } from 'i18next';
import type { AccessLevel, PermissionAction } from '../../../src-shared/permissions/actions';
import type { Role } from '../../../src-shared/permissions/roles';

/** A role as people read it: its own name, else the built-in role's translated one. */
export function roleName(t: TFunction, role: Pick<Role, 'name' | 'builtin' | 'id'>): string {
  return role.name ?? (role.builtin ? t(`permissions.roles.${role.builtin}`) : role.id);
}

/** Action names hold a dot (`documents.view`), which i18next reads as nesting: the texts are nested the same way. */
export const actionLabel = (t: TFunction, action: PermissionAction) => t(`permissions.actions.${action}.label`);
export const actionHint = (t: TFunction, action: PermissionAction) => t(`permissions.actions.${action}.hint`);
export const levelLabel = (t: TFunction, level: AccessLevel) => t(`permissions.levels.${level}`);

/** The role names of `ids` as a list to read, in the view's order; an id no longer known is shown as it is. */
export function roleNames(t: TFunction, roles: readonly Role[], ids: readonly string[]): string {
  if (ids.length === 0) return t('permissions.section.noRoles');
  const known = new Map(roles.map((r) => [r.id, r]));
  return ids.map((id) => { const role = known.get(id); return role ? roleName(t, role) : id; }).join(', ');
}
