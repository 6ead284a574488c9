import type { DocumentSigner, DocumentSummary } from './types';

/** Who the next step waits on, from the viewer's side: they themselves, a colleague, the other party, or nobody. */
export type Whose = 'you' | 'colleague' | 'counterparty' | 'nobody';

export const nextActionKeys = [
  'addSigners', 'readyToSend', 'yourSignature', 'waitingCompany', 'sendToCounterparty', 'waitingCounterparty',
  'markSigned', 'finished', 'archived', 'declined', 'cancelled', 'expired',
] as const;
export type NextActionKey = (typeof nextActionKeys)[number];

export interface NextAction {
  /** Translated as `board.next.<key>`, with `name` interpolated. */
  key: NextActionKey;
  whose: Whose;
  /** The person the message names: the signer awaited, or who declined. */
  name?: string | undefined;
  /** Set when `whose` is 'colleague': whose turn it is. */
  colleague?: string | undefined;
}

/** How a card names a signer of the other side: their company when they sign for one, otherwise themselves. */
export function partyLabel(signer: Pick<DocumentSigner, 'name' | 'companyName'>): string {
  return signer.companyName ?? signer.name;
}

/** The first counterparty signer's label, as the board shows the "counterparty" of a document. */
export function counterpartyOf(doc: Pick<DocumentSummary, 'signers'>): string | undefined {
  const first = doc.signers.find((s) => s.side === 'counterparty');
  return first ? partyLabel(first) : undefined;
}

const pending = (s: DocumentSigner) => s.status !== 'signed' && s.status !== 'declined';

/**
 * What should happen next to a document and whose move it is, for the person looking at the board. Driven by the
 * phase (what has really happened) and the signers' statuses, never by stage names, so renamed and added stages
 * read the same. A document's owner prepares and sends it; signers sign in the order of the lifecycle.
 */
export function nextAction(doc: Pick<DocumentSummary, 'phase' | 'signers' | 'ownerId' | 'ownerName'>, userId: string): NextAction {
  const owner = (key: NextActionKey): NextAction =>
    doc.ownerId === userId ? { key, whose: 'you' } : { key, whose: 'colleague', colleague: doc.ownerName };
  const waitingFor = (s: DocumentSigner): NextAction => ({ key: 'waitingCompany', whose: 'colleague', name: s.name, colleague: s.name });
  const company = doc.signers.filter((s) => s.side === 'company');
  const counterparty = doc.signers.filter((s) => s.side === 'counterparty');
  // In either signing phase a company signature still owed by the viewer comes first: it is the one thing they can do.
  const signing = doc.phase === 'companySigning' || doc.phase === 'counterpartySigning';
  if (signing && company.some((s) => s.userId === userId && pending(s))) return { key: 'yourSignature', whose: 'you' };

  switch (doc.phase) {
    case 'draft':
      return owner(doc.signers.length === 0 ? 'addSigners' : 'readyToSend');
    case 'companySigning': {
      const awaited = company.find(pending);
      return awaited ? waitingFor(awaited) : owner('sendToCounterparty');
    }
    case 'counterpartySigning': {
      const awaited = counterparty.find(pending);
      if (awaited) return { key: 'waitingCounterparty', whose: 'counterparty', name: partyLabel(awaited) };
      const colleague = company.find(pending);
      return colleague ? waitingFor(colleague) : owner('markSigned');
    }
    case 'signed':
      return { key: 'finished', whose: 'nobody' };
    case 'archived':
      return { key: 'archived', whose: 'nobody' };
    case 'declined': {
      const decliner = doc.signers.find((s) => s.status === 'declined');
      return { ...owner('declined'), ...(decliner ? { name: decliner.side === 'counterparty' ? partyLabel(decliner) : decliner.name } : {}) };
    }
    case 'cancelled':
      return { key: 'cancelled', whose: 'nobody' };
    case 'expired':
      return owner('expired');
  }
}
