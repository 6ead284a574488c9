import { describe, expect, it } from 'vitest';
import { checkMove, phases, type Phase, type SigningFacts } from './lifecycle';
import { checkStageOrder, defaultStages, phaseForStageAfter } from './stages';

const nobody: SigningFacts = { companySigners: 1, companySigned: 0, counterpartySigners: 1, counterpartySigned: 0 };
const company: SigningFacts = { companySigners: 1, companySigned: 1, counterpartySigners: 1, counterpartySigned: 0 };
const everyone: SigningFacts = { companySigners: 1, companySigned: 1, counterpartySigners: 1, counterpartySigned: 1 };

/**
 * The legal manual moves, written out by hand as the product defines them (not derived from the table under test).
 * Same-phase moves (between stages of one phase, added ones included) are always legal and listed separately.
 */
const legal: Record<'nobody' | 'company' | 'everyone', string[]> = {
  nobody: [
    'draft>companySigning', 'draft>cancelled',
    'companySigning>draft', 'companySigning>cancelled',
    'counterpartySigning>cancelled',
    'signed>archived',
    'declined>draft', 'declined>archived', 'cancelled>draft', 'cancelled>archived', 'expired>draft', 'expired>archived',
  ],
  company: [
    'draft>companySigning', 'draft>counterpartySigning', 'draft>cancelled',
    'companySigning>counterpartySigning', 'companySigning>cancelled',
    'counterpartySigning>cancelled',
    'signed>archived',
    'declined>archived', 'cancelled>archived', 'expired>archived',
  ],
  everyone: [
    'draft>companySigning', 'draft>counterpartySigning', 'draft>signed', 'draft>cancelled',
    'companySigning>counterpartySigning', 'companySigning>signed', 'companySigning>cancelled',
    'counterpartySigning>signed', 'counterpartySigning>cancelled',
    'signed>archived', 'archived>signed',
    'declined>archived', 'cancelled>archived', 'expired>archived',
  ],
};

describe('the transition table', () => {
  for (const [name, facts] of [['nobody', nobody], ['company', company], ['everyone', everyone]] as const) {
    it(`with ${name} signed: exactly the listed moves between phases are legal, every other one is refused with a reason`, () => {
      for (const from of phases) {
        for (const to of phases) {
          const result = checkMove(from, to, facts);
          const expected = from === to || legal[name].includes(`${from}>${to}`);
          expect(result.ok, `${from} → ${to}`).toBe(expected);
          if (!result.ok) expect(result.messageKey, `${from} → ${to}`).toMatch(/^documents\.move\.[a-zA-Z]+$/);
        }
      }
    });
  }

  it('names the reason a person can act on', () => {
    expect(checkMove('draft', 'signed', nobody)).toEqual({ ok: false, messageKey: 'documents.move.notAllSigned' });
    expect(checkMove('draft', 'counterpartySigning', nobody)).toEqual({ ok: false, messageKey: 'documents.move.companyNotSigned' });
    expect(checkMove('companySigning', 'draft', company)).toEqual({ ok: false, messageKey: 'documents.move.signaturesGiven' });
    expect(checkMove('draft', 'declined', nobody)).toEqual({ ok: false, messageKey: 'documents.move.onlySignerDeclines' });
    expect(checkMove('counterpartySigning', 'expired', company)).toEqual({ ok: false, messageKey: 'documents.move.onlyDeadlineExpires' });
    expect(checkMove('draft', 'archived', nobody)).toEqual({ ok: false, messageKey: 'documents.move.archiveFinishedOnly' });
    expect(checkMove('signed', 'draft', everyone)).toEqual({ ok: false, messageKey: 'documents.move.signedIsFinal' });
  });

  it('a document with no company signer may go straight to the counterparty; one with no signers is never "all signed"', () => {
    const counterpartyOnly = { companySigners: 0, companySigned: 0, counterpartySigners: 1, counterpartySigned: 0 };
    expect(checkMove('draft', 'counterpartySigning', counterpartyOnly).ok).toBe(true);
    expect(checkMove('draft', 'signed', { companySigners: 0, companySigned: 0, counterpartySigners: 0, counterpartySigned: 0 }).ok).toBe(false);
  });
});

describe('added stages', () => {
  it('belong to the phase of the stage they follow, so moves through them are judged as through that phase', () => {
    const draft = defaultStages.find((s) => s.key === 'draft')!;
    const legalReview = { phase: phaseForStageAfter(draft)! };
    expect(legalReview.phase).toBe('draft');
    expect(checkMove('draft', legalReview.phase, nobody).ok).toBe(true);
    expect(checkMove(legalReview.phase, 'companySigning', nobody).ok).toBe(true);
    expect(checkMove(legalReview.phase, 'signed', company)).toEqual({ ok: false, messageKey: 'documents.move.notAllSigned' });
    const afterCompany = { phase: phaseForStageAfter(defaultStages.find((s) => s.key === 'waitingCompany')!)! };
    expect(checkMove(afterCompany.phase, 'draft', company).ok).toBe(false);
    expect(phaseForStageAfter(defaultStages.find((s) => s.key === 'declined')!)).toBeNull();
  });

  it('a board order must keep the lifecycle order and a column for every phase', () => {
    const board = defaultStages.map((s, i) => ({ phase: s.phase, position: i * 10 }));
    expect(checkStageOrder(board)).toBeNull();
    expect(checkStageOrder([...board, { phase: 'draft' as Phase, position: 5 }])).toBeNull();
    expect(checkStageOrder([...board, { phase: 'draft' as Phase, position: 25 }])).toBe('stages.orderBreaksLifecycle');
    expect(checkStageOrder(board.filter((s) => s.phase !== 'expired'))).toBe('stages.phaseWithoutStage');
  });
});
