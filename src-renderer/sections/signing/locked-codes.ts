import type { DocumentSigner, DocumentSummary, DocumentEventView } from '../../../src-shared/documents/types';

const outForSigning = new Set<DocumentSummary['phase']>(['companySigning', 'counterpartySigning']);

/**
 * Counterparty signers still to sign whose code is locked on the portal: in the history, their last code lock or
 * unlock is the lock (otpLocked, from the server's feed) and no otpUnlocked came after it. Without the history (the
 * board's summary, before the detail loads) nobody.
 */
export function lockedCodeSigners(doc: Pick<DocumentSummary, 'phase' | 'signers'> & { events?: readonly Pick<DocumentEventView, 'type' | 'details'>[] }): DocumentSigner[] {
  if (!outForSigning.has(doc.phase) || !doc.events) return [];
  const last = new Map<string, string>();
  for (const e of doc.events) {
    const signer = e.details?.signer;
    if (signer && (e.type === 'otpLocked' || e.type === 'otpUnlocked')) last.set(signer, e.type);
  }
  return doc.signers.filter((s) => s.side === 'counterparty' && s.status !== 'signed' && s.status !== 'declined' && last.get(String(s.id)) === 'otpLocked');
}
