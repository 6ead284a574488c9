import { sql, type Kysely, type RawBuilder } from 'kysely';
import { documentScope, type DocumentScope } from '../../src-shared/permissions/policy';
import type { AccountPermissions } from './server-policy';
import type { ServerDatabase } from '../store/schema';

/** The fields that name a file by its SHA-256: a document's original and sealed PDF, a template's PDF (migration 013). */
export const fileReferenceKeys = ['original_sha256', 'sealed_sha256', 'file_sha256'] as const;
const keyList = sql.join(fileReferenceKeys.map((k) => sql.lit(k)));

/** A document scope as the server's query needs it: for a department, who is in it (their documents without a department are its). */
export type ServerScope = DocumentScope & { members?: readonly string[] };

/** The documents an account may view, as the server's queries take it. */
export function viewScope(perms: Pick<AccountPermissions, 'policy' | 'subject' | 'membersOf'>): ServerScope {
  const scope = documentScope(perms.policy, perms.subject, 'documents.view');
  return scope.kind === 'department' && scope.department !== null ? { ...scope, members: perms.membersOf(scope.department) } : scope;
}

/**
 * Whether the document with id `id` (a column of the outer query) is within `scope`, by its kept owner and
 * department — a document without one being its owner's department's, as the desktop reads it (ownershipOf).
 */
export function documentInScope(scope: ServerScope, id: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`1 = 1`;
  if (scope.kind === 'none') return sql<boolean>`1 = 0`;
  const entry = (key: string, value: RawBuilder<boolean>) => sql<boolean>`exists (select 1 from sync_entries o where o.kind = 'field' and o.entity = 'document' and o.entity_id = ${id} and o.key = ${key} and ${value})`;
  const own = entry('owner_id', sql<boolean>`o.value = ${JSON.stringify(scope.userId)}`);
  if (scope.kind === 'own' || scope.department === null) return own;
  const members = (scope.members ?? []).map((m) => JSON.stringify(m));
  const byOwner = members.length ? sql<boolean>`(not ${entry('department', sql<boolean>`o.value <> 'null'`)} and ${entry('owner_id', sql<boolean>`o.value in (${sql.join(members)})`)})` : sql<boolean>`1 = 0`;
  return sql<boolean>`(${own} or ${entry('department', sql<boolean>`o.value = ${JSON.stringify(scope.department)}`)} or ${byOwner})`;
}

/**
 * Whether the file with SHA-256 `sha` (a column or a value) is named by something within reach: any template (every
 * desktop has the company's templates), or a document within `scope`. A file nothing in reach names is nobody's to
 * read: its record is not pulled, its bytes not served.
 */
export function fileInScope(scope: ServerScope, sha: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`1 = 1`;
  return sql<boolean>`exists (select 1 from sync_entries r where r.kind = 'field' and r.key in (${keyList}) and r.value = '"' || ${sha} || '"' and (r.entity = 'template' or (r.entity = 'document' and ${documentInScope(scope, sql.ref('r.entity_id'))})))`;
}

export async function fileReachable(db: Kysely<ServerDatabase>, scope: ServerScope, sha256: string): Promise<boolean> {
  const row = await sql<{ ok: number }>`select 1 as ok where ${fileInScope(scope, sql.val(sha256))}`.execute(db);
  return row.rows.length > 0;
}
