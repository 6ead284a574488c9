import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../store/schema';
import type { Client } from './portal-context';

/** The steps a signer takes on their link, as the desktops will follow them (issue 6, items 5 and 7). */
export type PortalEventType = 'viewed' | 'codeSent' | 'codePassed' | 'codeFailed' | 'locked';

export interface EventLink {
  linkId: string;
  documentId: string;
  signerId: string;
}

/** One append-only evidence row: the step, its time, the address and browser it came from, and its details (the code's channel). */
export async function recordEvent(db: Kysely<ServerDatabase>, link: EventLink, type: PortalEventType, client: Client, at: Date, details: Record<string, string | number> = {}): Promise<void> {
  await db
    .insertInto('portal_events')
    .values({ seq: null, document_id: link.documentId, signer_id: link.signerId, link_id: link.linkId, type, at: at.toISOString(), ip: client.ip, user_agent: client.userAgent, details: JSON.stringify(details) })
    .execute();
}
