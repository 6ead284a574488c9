import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { follow } from '../../src-main/automation/engine/follow';
import { decodeStamp } from '../../src-shared/sync/hlc';
import type { ServerDatabase } from '../store/schema';
import { automatedPublication, type PublishedAutomation } from './published-facts';
import { serverHost } from './server-host';
import { moveOnServer } from './server-moves';
import { syncedStages } from './synced-pipeline';

type Accepted = Insertable<ServerDatabase['sync_entries']>;

/**
 * The record as the desktop pushes it after what the server's actions changed is the record: a tag list or an owner
 * pushed since the server's last tag or owner is the desktop's (what it took out again is out).
 */
async function recordCaughtUp(trx: Kysely<ServerDatabase>, doc: PublishedAutomation, changed: readonly Accepted[]): Promise<void> {
  const tags = changed.find((r) => r.key === 'tags');
  const owner = changed.find((r) => r.key === 'owner_id');
  const set: { automation_tags?: string | null; automation_owner?: string | null } = {};
  // A tag list pushed since the server's last tag is the record's, the server's tags in it or taken out again.
  if (tags && doc.addedTags && decodeStamp(tags.stamp).wall >= Date.parse(doc.addedTags.at)) set.automation_tags = null;
  if (owner && doc.setOwner && decodeStamp(owner.stamp).wall >= Date.parse(doc.setOwner.at)) set.automation_owner = null;
  if (Object.keys(set).length) await trx.updateTable('published_documents').set(set).where('id', '=', doc.id).execute();
}

/**
 * The stages the server moved the card into since the desktop last moved it (its last pushed stage that was an
 * entry): what the desktop may still be writing down. A drag back into one of the older ones is a new entry.
 */
async function recentServerMoves(trx: Kysely<ServerDatabase>, publishedId: string): Promise<Set<string>> {
  const moves = await trx.selectFrom('document_feed').select('details').where('document_id', '=', publishedId).where('type', '=', 'stageMoved').orderBy('seq').execute();
  const recent: string[] = [];
  for (const m of moves) {
    const move = (JSON.parse(m.details) as { automation?: { to?: string; reason?: string } }).automation;
    if (move?.reason === 'pushed') recent.length = 0;
    else if (move?.to) recent.push(move.to);
  }
  return new Set(recent);
}

/** Where the desktop leaves the card when it decides for itself: Draft (to send anew) or an end it reached alone. */
const decidedPhases = new Set(['draft', 'declined', 'cancelled', 'expired']);

/**
 * What the desktop that handed a document over changes on it reaches the server by sync (issue 9): a card it drags
 * enters its stage here (its rules start on the server, as they would have there); an edit of its fields lets
 * condition triggers look again. Only that desktop's pushes are followed: another desktop, which does not know of the
 * handover, runs its own automation for what is done on it, and the server only learns where the card is. A stage
 * pushed with a stamp older than the server's last knowledge of the card (a laptop back from a week offline) is an
 * old change, not an entry; so is a stage the server itself moved the card into since the desktop last moved it —
 * that desktop writing down the server's moves, or its lifecycle making the same move as the server mirrored, perhaps
 * after the server moved on. A card the desktop took to Draft or to an end of its own (its deadline, a cancel, its own
 * decline) is the desktop's to automate from then on, as it is there. Runs in the push's transaction.
 */
export async function followPushed(trx: Kysely<ServerDatabase>, deviceId: string, rows: readonly Accepted[], at: string): Promise<void> {
  const byDocument = new Map<string, Accepted[]>();
  for (const row of rows) if (row.kind === 'field' && row.entity === 'document') byDocument.set(row.entity_id, [...(byDocument.get(row.entity_id) ?? []), row]);
  if (byDocument.size === 0) return;
  const published = await trx.selectFrom('published_documents').select(['id', 'desktop_document_id', 'device_id']).where('automation', '=', 'server').where('desktop_document_id', 'in', [...byDocument.keys()]).execute();
  for (const { id, desktop_document_id, device_id } of published) {
    const doc = await automatedPublication(trx, id);
    if (!doc) continue;
    const changed = byDocument.get(desktop_document_id)!;
    const stage = changed.find((r) => r.key === 'stage');
    const ref = stage ? (JSON.parse(stage.value) as unknown) : undefined;
    const moved = stage && typeof ref === 'string' && ref !== doc.stage && (!doc.stageAt || decodeStamp(stage.stamp).wall > Date.parse(doc.stageAt)) ? ref : null;
    if (device_id !== deviceId) {
      if (moved) await trx.updateTable('published_documents').set({ automation_stage: moved, automation_stage_at: at }).where('id', '=', id).execute();
      continue;
    }
    if (moved && !(await recentServerMoves(trx, id)).has(moved)) {
      if (decidedPhases.has((await syncedStages(trx)).find((s) => s.ref === moved)?.phase ?? '')) {
        await trx.updateTable('published_documents').set({ automation: null, automation_stage: moved, automation_stage_at: at }).where('id', '=', id).execute();
        continue;
      }
      await moveOnServer(trx, doc, moved, at, { reason: 'pushed' });
    }
    await recordCaughtUp(trx, doc, changed);
    if (changed.some((r) => r.key !== 'stage')) {
      const seq = Math.max(...changed.map((r) => Number(r.seq)));
      await follow(serverHost(trx), trx as Transaction<ServerDatabase>, { documentId: id, cause: `fieldsSaved:${seq}`, at, events: [], factsChanged: true }, randomUUID);
    }
  }
}
