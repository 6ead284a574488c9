import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DocumentScope } from '../../src-shared/permissions/policy';
import type { ServerDatabase } from '../store/schema';

/** The fields that name a file by its SHA-256: a document's original and sealed PDF, a template's PDF (migration 013). */
export const fileReferenceKeys = ['original_sha256', 'sealed_sha256', 'file_sha256'] as const;
const keyList = sql.join(fileReferenceKeys.map((k) => sql.lit(k)));

/** Whether the document with id `id` (a column of the outer query) is within `scope`, by its kept owner and department. */
export function documentInScope(scope: DocumentScope, id: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`1 = 1`;
  if (scope.kind === 'none') return sql<boolean>`1 = 0`;
  const kept = (field: string, value: string) =>
    sql<boolean>`exists (select 1 from sync_entries o where o.kind = 'field' and o.entity = 'document' and o.entity_id = ${id} and o.key = ${field} and o.value = ${JSON.stringify(value)})`;
  if (scope.kind === 'own' || scope.department === null) return kept('owner_id', scope.userId);
  return sql<boolean>`(${kept('owner_id', scope.userId)} or ${kept('department', scope.department)})`;
}

/**
 * Whether the file with SHA-256 `sha` (a column or a value) is named by something within reach: any template (every
 * desktop has the company's templates), or a document within `scope`. A file nothing in reach names is nobody's to
 * read: its record is not pulled, its bytes not served.
 */
export function fileInScope(scope: DocumentScope, sha: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`1 = 1`;
  return sql<boolean>`exists (select 1 from sync_entries r where r.kind = 'field' and r.key in (${keyList}) and r.value = '"' || ${sha} || '"' and (r.entity = 'template' or (r.entity = 'document' and ${documentInScope(scope, sql.ref('r.entity_id'))})))`;
}

export async function fileReachable(db: Kysely<ServerDatabase>, scope: DocumentScope, sha256: string): Promise<boolean> {
  const row = await sql<{ ok: number }>`select 1 as ok where ${fileInScope(scope, sql.val(sha256))}`.execute(db);
  return row.rows.length > 0;
}
