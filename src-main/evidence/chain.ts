import { createHash } from 'node:crypto';
import type { EvidenceEvent } from '../../src-shared/pdf/certificate';

/** The hash the first event chains to. */
export const genesisHash = '0'.repeat(64);

type EventBody = Pick<EvidenceEvent, 'at' | 'type' | 'actor' | 'details'>;

/** SHA-256 over the previous hash and the event in a canonical form (sorted keys), so any change anywhere breaks every later link. */
export function eventHash(prevHash: string, event: EventBody): string {
  const details = event.details ? Object.fromEntries(Object.entries(event.details).sort(([a], [b]) => a.localeCompare(b))) : null;
  return createHash('sha256').update(JSON.stringify([prevHash, event.at, event.type, event.actor, details])).digest('hex');
}

export function appendEvent(chain: readonly EvidenceEvent[], event: EventBody): EvidenceEvent[] {
  const prevHash = chain.at(-1)?.hash ?? genesisHash;
  return [...chain, { ...event, prevHash, hash: eventHash(prevHash, event) }];
}

/** The index of the first broken link, or -1 when the whole chain holds. */
export function firstBrokenLink(chain: readonly EvidenceEvent[]): number {
  let prev = genesisHash;
  for (const [i, e] of chain.entries()) {
    if (e.prevHash !== prev || e.hash !== eventHash(prev, e)) return i;
    prev = e.hash;
  }
  return -1;
}
