import { createHash } from 'node:crypto';
import type { Database } from '../store/schema';

/**
 * A history event's sync id: the SHA-256 of what it says (its document, time, type, actor, details), not of its place
 * in the chain. Two laptops that appended to one document while apart each chain the other's entries after their
 * own, so the same event sits at different places (and under different chain hashes) on each; by this id every
 * laptop still knows it has it, and the history merges as a set.
 */
export function eventId(documentId: string, row: Pick<Database['document_events'], 'at' | 'type' | 'actor' | 'details'>): string {
  return createHash('sha256').update(JSON.stringify([documentId, row.at, row.type, row.actor, row.details])).digest('hex');
}
