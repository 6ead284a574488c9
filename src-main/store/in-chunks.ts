/**
 * `items` in runs of at most `size`, for multi-row statements and `in (…)` lists: SQLite binds at most 32,766 values
 * a statement and PostgreSQL 65,535, so a caller picks `size` × its columns well inside both.
 */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
