import type { AccessLevel, PermissionAction } from '../../src-shared/permissions/actions';
import { useAppStore } from './app-store';

/**
 * The current employee's level for an action, from `app.info` (read again after a permissions change, a switch of
 * employee or the window regaining focus). It decides only what the UI offers: every call is still checked.
 */
export function useGrant(action: PermissionAction): AccessLevel {
  return useAppStore((s) => s.info?.grants[action] ?? 'none');
}

/** Whether the current employee holds the action at any level. */
export function useCan(action: PermissionAction): boolean {
  return useGrant(action) !== 'none';
}
