import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { follow } from '../../src-main/automation/engine/follow';
import { decodeStamp } from '../../src-shared/sync/hlc';
import type { ServerDatabase } from '../store/schema';
import { automatedPublication } from './published-facts';
import { serverHost } from './server-host';
import { moveOnServer } from './server-moves';

type Accepted = Insertable<ServerDatabase['sync_entries']>;

/**
 * What desktops change on a handed-over document reaches the server by sync (issue 9): a card dragged on any desktop
 * enters its stage here (its rules start on the server, as they would have on that desktop); an edit of its fields
 * lets condition triggers look again. A stage pushed with a stamp older than the server's last knowledge of the card
 * (a laptop back from a week offline) is an old change, not an entry; one the server itself moved the card to comes
 * back from the publishing desktop and is no entry either. Runs in the push's transaction.
 */
export async function followPushed(trx: Kysely<ServerDatabase>, rows: readonly Accepted[], at: string): Promise<void> {
  const byDocument = new Map<string, Accepted[]>();
  for (const row of rows) if (row.kind === 'field' && row.entity === 'document') byDocument.set(row.entity_id, [...(byDocument.get(row.entity_id) ?? []), row]);
  if (byDocument.size === 0) return;
  const published = await trx.selectFrom('published_documents').select(['id', 'desktop_document_id']).where('automation', '=', 'server').where('desktop_document_id', 'in', [...byDocument.keys()]).execute();
  for (const { id, desktop_document_id } of published) {
    const doc = await automatedPublication(trx, id);
    if (!doc) continue;
    const changed = byDocument.get(desktop_document_id)!;
    const stage = changed.find((r) => r.key === 'stage');
    const ref = stage ? (JSON.parse(stage.value) as unknown) : undefined;
    if (stage && typeof ref === 'string' && ref !== doc.stage && (!doc.stageAt || decodeStamp(stage.stamp).wall > Date.parse(doc.stageAt))) {
      await moveOnServer(trx, doc, ref, at, { reason: 'pushed' });
    }
    if (changed.some((r) => r.key !== 'stage')) {
      const seq = Math.max(...changed.map((r) => Number(r.seq)));
      await follow(serverHost(trx), trx as Transaction<ServerDatabase>, { documentId: id, cause: `fieldsSaved:${seq}`, at, events: [], factsChanged: true }, randomUUID);
    }
  }
}
