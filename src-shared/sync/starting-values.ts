import { defaultPipelineSyncFields } from '../automation/sync-fields';
import { defaultStages } from '../documents/stages';
import { builtinRoleId, builtinRoles } from '../permissions/roles';
import { defaultStoredRole } from '../permissions/role-fields';
import type { SyncValue } from './merge';

/** The stamp a starting value is handed back with: older than any write, so any later edit wins over it. */
export const startingStamp = '000000000000000-000000-server';

/**
 * What every install starts with and the server therefore holds before any desktop pushed it: the built-in roles at
 * their defaults, Signet's own stages (synced by key, migration 004's colours and positions), the seed's automation
 * pipeline (sync-fields.ts). Shared with the desktops: a desktop's first log of a record stamps a field still at its
 * starting value with `startingStamp`, so a desktop that joins late never undoes the company's edits of them. A desktop's first push
 * restates these; that changes nothing, so it needs no permission, and a refused change of them is undone to them.
 */
export function startingValue(entity: string, id: string, field: string): SyncValue | undefined {
  return startingFields(entity, id)?.[field];
}

/** Every starting field of a record, or nothing when no install starts with it. */
export function startingFields(entity: string, id: string): Record<string, SyncValue> | undefined {
  return entity === 'role' ? roleFields(id) : entity === 'stage' ? stageFields(id) : defaultPipelineSyncFields(entity, id);
}

function roleFields(id: string): Record<string, SyncValue> | undefined {
  const builtin = builtinRoles.find((b) => builtinRoleId(b) === id);
  if (!builtin) return undefined;
  const { name, builtin: b, levels, stage_moves } = defaultStoredRole(builtin);
  return { name, builtin: b, levels, stage_moves, deleted: false };
}

function stageFields(id: string): Record<string, SyncValue> | undefined {
  const at = defaultStages.findIndex((s) => `key:${s.key}` === id);
  const stage = defaultStages[at];
  return stage ? { name: null, color: stage.color, position: (at + 1) * 1000, phase: stage.phase, deleted: false } : undefined;
}
