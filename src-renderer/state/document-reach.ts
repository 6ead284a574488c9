import type { DocumentSummary } from '../../src-shared/documents/types';
import type { AccessLevel } from '../../src-shared/permissions/actions';
import { reaches, type Subject } from '../../src-shared/permissions/policy';

/**
 * Whether a level reaches the document for the employee. A document without a department of its own belongs to its
 * owner's, which the renderer does not know: a department level is then taken to reach, and the service decides.
 */
export function reachesDocument(subject: Subject, level: AccessLevel, doc: Pick<DocumentSummary, 'ownerId' | 'department'>): boolean {
  if (level === 'department' && !doc.department) return true;
  return reaches(level, subject, { ownerId: doc.ownerId, department: doc.department ?? null });
}
