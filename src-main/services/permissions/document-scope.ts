import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Owned, DocumentScope } from '../../../src-shared/permissions/policy';
import type { Database } from '../../store/schema';

/*
 * A document's department, for permissions, is the one it was filed under, or else its owner's: a draft made without
 * a department still belongs to the team of whoever made it. The query filter and the check of one document below
 * read it the same way, so a list never shows a document that could not then be opened, nor hides one that could.
 */

/** Whose a document is and in which department; null when there is no such document. */
export async function ownershipOf(db: Kysely<Database> | Transaction<Database>, documentId: string): Promise<Owned | null> {
  const row = await db
    .selectFrom('documents')
    .leftJoin('users', 'users.id', 'documents.owner_id')
    .select(['documents.owner_id', 'documents.department', 'users.department as owner_department'])
    .where('documents.id', '=', documentId)
    .executeTakeFirst();
  return row ? { ownerId: row.owner_id, department: row.department ?? row.owner_department } : null;
}

/** The condition on `documents` that keeps a query to the documents `scope` reaches. */
export function scopeCondition(eb: ExpressionBuilder<Database, 'documents'>, scope: DocumentScope): Expression<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`1 = 1`;
    case 'none':
      return sql<SqlBool>`1 = 0`;
    case 'own':
      return eb('documents.owner_id', '=', scope.userId);
    case 'department': {
      const mine = eb('documents.owner_id', '=', scope.userId);
      if (scope.department === null) return mine;
      const department = scope.department;
      return eb.or([
        mine,
        eb('documents.department', '=', department),
        eb.and([eb('documents.department', 'is', null), eb('documents.owner_id', 'in', eb.selectFrom('users').select('users.id').where('users.department', '=', department))]),
      ]);
    }
  }
}
