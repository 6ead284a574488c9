import { useCallback, useMemo, useState } from 'react';
import type { AccessLevel, PermissionAction } from '../../../src-shared/permissions/actions';
import type { Role } from '../../../src-shared/permissions/roles';

/**
 * The matrix's unsaved edits, per role: a cell changed back to what is saved is no longer an edit. Roles read again
 * after a save replace what was edited, so a draft never outlives the change it was for.
 */
export function useRoleDrafts(roles: readonly Role[]) {
  const [drafts, setDrafts] = useState<Record<string, Role>>({});

  const current = useMemo(() => roles.map((role) => drafts[role.id] ?? role), [roles, drafts]);
  const changed = useMemo(() => current.filter((role) => !sameMatrix(role, roles.find((r) => r.id === role.id)!)), [current, roles]);

  const edit = useCallback(
    (roleId: string, change: (role: Role) => Role) =>
      setDrafts((all) => {
        const saved = roles.find((r) => r.id === roleId);
        if (!saved) return all;
        const next = change(all[roleId] ?? saved);
        const { [roleId]: _dropped, ...rest } = all;
        return sameMatrix(next, saved) ? rest : { ...rest, [roleId]: next };
      }),
    [roles],
  );

  const setLevel = useCallback((roleId: string, action: PermissionAction, level: AccessLevel) => edit(roleId, (role) => ({ ...role, levels: { ...role.levels, [action]: level } })), [edit]);

  /** `null`: the stage takes the role's `documents.move` level. */
  const setStageMove = useCallback(
    (roleId: string, stageId: string, level: AccessLevel | null) =>
      edit(roleId, (role) => {
        const { [stageId]: _old, ...others } = role.stageMoves;
        return { ...role, stageMoves: level === null ? others : { ...others, [stageId]: level } };
      }),
    [edit],
  );

  const forget = useCallback((roleIds: readonly string[]) => setDrafts((all) => Object.fromEntries(Object.entries(all).filter(([id]) => !roleIds.includes(id)))), []);
  const discard = useCallback(() => setDrafts({}), []);

  return { current, changed, setLevel, setStageMove, forget, discard };
}

function sameMatrix(a: Role, b: Role): boolean {
  const keys = (r: Record<string, string>) => Object.keys(r).sort().join('\n');
  return (
    Object.entries(a.levels).every(([action, level]) => b.levels[action as PermissionAction] === level) &&
    keys(a.stageMoves) === keys(b.stageMoves) &&
    Object.entries(a.stageMoves).every(([stage, level]) => b.stageMoves[stage] === level)
  );
}
