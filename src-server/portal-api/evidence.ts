import type { Kysely } from 'kysely';
import type { ServerEventType } from '../../src-shared/company-server/events';
import { appendFeed } from '../feed/feed';
import type { ServerDatabase } from '../store/schema';
import type { Client } from './portal-context';

/** The steps a signer takes on their link, as evidence (issue 6, item 7). */
export type PortalEventType = 'viewed' | 'codeSent' | 'codePassed' | 'codeFailed' | 'locked' | 'unlocked' | 'signed' | 'declined';

/** What of the evidence the publishing desktop follows (item 5): a wrong code is the portal's business, a lock is not. */
const followed: Partial<Record<PortalEventType, ServerEventType>> = { viewed: 'viewed', codeSent: 'codeSent', codePassed: 'codePassed', locked: 'locked', signed: 'signed', declined: 'declined' };

export interface EventLink {
  linkId: string;
  documentId: string;
  signerId: string;
}

/**
 * One append-only evidence row: the step, its time, the address and browser it came from, and its details (the code's
 * channel); with the followed steps also the desktop's feed row, in one transaction. A link opened again is evidence
 * each time, but the desktop hears of the first opening only.
 */
export async function recordEvent(db: Kysely<ServerDatabase>, link: EventLink, type: PortalEventType, client: Client, at: Date, details: Record<string, string | number> = {}): Promise<void> {
  const write = async (trx: Kysely<ServerDatabase>) => {
    const feedType = followed[type];
    const first = feedType !== 'viewed' || !(await trx.selectFrom('portal_events').select('seq').where('signer_id', '=', link.signerId).where('type', '=', 'viewed').executeTakeFirst());
    await trx
      .insertInto('portal_events')
      .values({ document_id: link.documentId, signer_id: link.signerId, link_id: link.linkId, type, at: at.toISOString(), ip: client.ip, user_agent: client.userAgent, details: JSON.stringify(details) })
      .execute();
    if (feedType && first) await appendFeed(trx, { documentId: link.documentId, signerId: link.signerId, type: feedType, at: at.toISOString(), details: { ...details, ip: client.ip, ...(client.userAgent ? { userAgent: client.userAgent } : {}) } });
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}
