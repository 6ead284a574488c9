import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { follow } from '../../src-main/automation/engine/follow';
import { decodeStamp } from '../../src-shared/sync/hlc';
import type { ServerDatabase } from '../store/schema';
import { automatedPublication, type PublishedAutomation } from './published-facts';
import { serverHost } from './server-host';
import { moveOnServer } from './server-moves';

type Accepted = Insertable<ServerDatabase['sync_entries']>;

/**
 * The record as the desktop pushes it now includes what the server's actions changed: a tag it pushes is the
 * record's (a tag the desktop then removes is gone), and an owner pushed since the server set one is the desktop's.
 */
async function recordCaughtUp(trx: Kysely<ServerDatabase>, doc: PublishedAutomation, changed: readonly Accepted[]): Promise<void> {
  const tags = changed.find((r) => r.key === 'tags');
  const owner = changed.find((r) => r.key === 'owner_id');
  const set: { automation_tags?: string | null; automation_owner?: string | null } = {};
  if (tags && doc.addedTags.length) {
    const pushed = tagsOf(tags.value);
    const left = doc.addedTags.filter((t) => !pushed.includes(t));
    set.automation_tags = left.length ? JSON.stringify(left) : null;
  }
  if (owner && doc.setOwner && decodeStamp(owner.stamp).wall >= Date.parse(doc.setOwner.at)) set.automation_owner = null;
  if (Object.keys(set).length) await trx.updateTable('published_documents').set(set).where('id', '=', doc.id).execute();
}

function tagsOf(value: string): string[] {
  try {
    const tags = JSON.parse(JSON.parse(value) as string) as unknown;
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** The stages the server moved the card into, as it wrote them into the feed. */
async function stagesTheServerKnew(trx: Kysely<ServerDatabase>, publishedId: string): Promise<Set<string>> {
  const moves = await trx.selectFrom('document_feed').select('details').where('document_id', '=', publishedId).where('type', '=', 'stageMoved').execute();
  return new Set(moves.flatMap((m) => (JSON.parse(m.details) as { automation?: { to?: string } }).automation?.to ?? []));
}

/**
 * What the desktop that handed a document over changes on it reaches the server by sync (issue 9): a card it drags
 * enters its stage here (its rules start on the server, as they would have there); an edit of its fields lets
 * condition triggers look again. Only that desktop's pushes are followed: another desktop, which does not know of the
 * handover, runs its own automation for what is done on it. A stage pushed with a stamp older than the server's last
 * knowledge of the card (a laptop back from a week offline) is an old change, not an entry; so is a stage the server
 * itself moved the card into — that desktop writing down the server's moves, or its lifecycle
 * making the same move as the server mirrored, perhaps after the server has moved on. Runs in the push's transaction.
 */
export async function followPushed(trx: Kysely<ServerDatabase>, deviceId: string, rows: readonly Accepted[], at: string): Promise<void> {
  const byDocument = new Map<string, Accepted[]>();
  for (const row of rows) if (row.kind === 'field' && row.entity === 'document') byDocument.set(row.entity_id, [...(byDocument.get(row.entity_id) ?? []), row]);
  if (byDocument.size === 0) return;
  const published = await trx
    .selectFrom('published_documents')
    .select(['id', 'desktop_document_id'])
    .where('automation', '=', 'server')
    .where('device_id', '=', deviceId)
    .where('desktop_document_id', 'in', [...byDocument.keys()])
    .execute();
  for (const { id, desktop_document_id } of published) {
    const doc = await automatedPublication(trx, id);
    if (!doc) continue;
    const changed = byDocument.get(desktop_document_id)!;
    const stage = changed.find((r) => r.key === 'stage');
    const ref = stage ? (JSON.parse(stage.value) as unknown) : undefined;
    if (stage && typeof ref === 'string' && ref !== doc.stage && (!doc.stageAt || decodeStamp(stage.stamp).wall > Date.parse(doc.stageAt)) && !(await stagesTheServerKnew(trx, id)).has(ref)) {
      await moveOnServer(trx, doc, ref, at, { reason: 'pushed' });
    }
    await recordCaughtUp(trx, doc, changed);
    if (changed.some((r) => r.key !== 'stage')) {
      const seq = Math.max(...changed.map((r) => Number(r.seq)));
      await follow(serverHost(trx), trx as Transaction<ServerDatabase>, { documentId: id, cause: `fieldsSaved:${seq}`, at, events: [], factsChanged: true }, randomUUID);
    }
  }
}
