import { useMemo } from 'react';
import { useAppStore } from '../../state/app-store';
import type { MoveRule } from './move-rule';

const noStages: Readonly<Record<string, never>> = {};

/**
 * The board's move rule for the employee working now, from `app.info`, which is read again after a permissions change
 * or a switch of employee: per-stage moves follow without a restart.
 */
export function useMoveRule(): MoveRule {
  const info = useAppStore((s) => s.info);
  return useMemo(
    () => ({
      subject: { userId: info?.user.id ?? '', department: info?.user.department ?? null },
      overall: info?.grants['documents.move'] ?? 'none',
      stageMoves: info?.stageMoves ?? noStages,
    }),
    [info],
  );
}
