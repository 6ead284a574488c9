/**
 * A document's lifecycle: the phases every stage belongs to, and which manual moves between them are legal. Stages are
 * the company's own (renamed, recoloured, added); phases are fixed, because they say what has really happened —
 * a move is judged by the phases of its two stages and by the document's signatures, never by stage names.
 */
export const mainPhases = ['draft', 'companySigning', 'counterpartySigning', 'signed', 'archived'] as const;
export const exitPhases = ['declined', 'cancelled', 'expired'] as const;
export const phases = [...mainPhases, ...exitPhases] as const;
export type Phase = (typeof phases)[number];
export type MainPhase = (typeof mainPhases)[number];

/** What a move may claim; checked against the document's signers. */
export type MoveRule =
  /** Always allowed (within the same phase, or a step that claims nothing, such as cancelling a draft). */
  | 'free'
  /** Only while no signer has signed: a step back would otherwise discard given signatures. */
  | 'nobodySigned'
  /** Only once every company signer has signed: the counterparty gets a document the company has signed. */
  | 'companySigned'
  /** Only once every signer has signed. */
  | 'allSigned';

/**
 * From phase → to phase → rule; a pair that is absent cannot be made by hand. Declined and Expired are only ever
 * reached by what happens (a signer declines, the deadline passes), never by a drag.
 */
export const transitions: Readonly<Record<Phase, Partial<Record<Phase, MoveRule>>>> = {
  draft: { draft: 'free', companySigning: 'free', counterpartySigning: 'companySigned', signed: 'allSigned', cancelled: 'free' },
  companySigning: { draft: 'nobodySigned', companySigning: 'free', counterpartySigning: 'companySigned', signed: 'allSigned', cancelled: 'free' },
  counterpartySigning: { counterpartySigning: 'free', signed: 'allSigned', cancelled: 'free' },
  signed: { signed: 'free', archived: 'free' },
  archived: { archived: 'free', signed: 'allSigned' },
  declined: { declined: 'free', draft: 'nobodySigned', archived: 'free' },
  cancelled: { cancelled: 'free', draft: 'nobodySigned', archived: 'free' },
  expired: { expired: 'free', draft: 'nobodySigned', archived: 'free' },
};

/** What the move needs to know about the document's signers. */
export interface SigningFacts {
  companySigners: number;
  companySigned: number;
  counterpartySigners: number;
  counterpartySigned: number;
}

/** The facts of signers' rows (a side and a status each). */
export function signingFactsOf(rows: readonly { side: string; status: string }[]): SigningFacts {
  const count = (side: string, signed: boolean) => rows.filter((r) => r.side === side && (!signed || r.status === 'signed')).length;
  return { companySigners: count('company', false), companySigned: count('company', true), counterpartySigners: count('counterparty', false), counterpartySigned: count('counterparty', true) };
}

export type MoveCheck = { ok: true } | { ok: false; messageKey: string };

/** Whether a person may move a document from a stage of one phase to a stage of another, and if not, why (a message key). */
export function checkMove(from: Phase, to: Phase, facts: SigningFacts): MoveCheck {
  const rule = transitions[from][to];
  if (!rule) return { ok: false, messageKey: refusedBecause(from, to) };
  const anySigned = facts.companySigned + facts.counterpartySigned > 0;
  const companyDone = facts.companySigned >= facts.companySigners;
  const allDone = companyDone && facts.counterpartySigned >= facts.counterpartySigners && facts.companySigners + facts.counterpartySigners > 0;
  switch (rule) {
    case 'free':
      return { ok: true };
    case 'nobodySigned':
      return anySigned ? { ok: false, messageKey: 'documents.move.signaturesGiven' } : { ok: true };
    case 'companySigned':
      return companyDone ? { ok: true } : { ok: false, messageKey: 'documents.move.companyNotSigned' };
    case 'allSigned':
      return allDone ? { ok: true } : { ok: false, messageKey: 'documents.move.notAllSigned' };
  }
}

function refusedBecause(from: Phase, to: Phase): string {
  if (to === 'declined') return 'documents.move.onlySignerDeclines';
  if (to === 'expired') return 'documents.move.onlyDeadlineExpires';
  if (to === 'archived') return 'documents.move.archiveFinishedOnly';
  if (from === 'archived' || from === 'signed') return 'documents.move.signedIsFinal';
  return 'documents.move.signaturesGiven';
}
