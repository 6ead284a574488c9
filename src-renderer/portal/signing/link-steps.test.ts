import { describe, expect, it } from 'vitest';
import type { OpenPortalLink, PortalLink } from '../../../src-shared/portal/signing-link';
import { makeTranslators } from '../../i18n/test-translators';
import { closedPages, pageTitleKey, sealedUntil, stepOfLink, type ClosedPage, type PageState } from './link-steps';

const now = Date.parse('2025-03-10T12:00:00.000Z');

const open: OpenPortalLink = {
  state: 'open',
  companyName: 'Zakłady Łódzkie',
  preparerName: 'Anna Wiśniewska',
  title: 'Umowa dostawy',
  number: 'UM/2025/7',
  pageCount: 3,
  signerName: 'Jan Kowalski',
  channel: 'email',
  maskedAddress: 'j••@example.pl',
  language: 'pl',
  expiresAt: '2025-03-24T12:00:00.000Z',
  code: 'none',
};

describe('a signing link → its page', () => {
  it('an open link starts at the code, shows the input at once when a code was sent, is locked, or goes to signing once passed', () => {
    expect(stepOfLink(open, now)).toEqual({ kind: 'code', link: open, sent: false });
    expect(stepOfLink({ ...open, code: 'sent' }, now)).toEqual({ kind: 'code', link: { ...open, code: 'sent' }, sent: true });
    expect(stepOfLink({ ...open, code: 'locked' }, now)).toMatchObject({ kind: 'locked' });
    expect(stepOfLink({ ...open, code: 'passed' }, now)).toMatchObject({ kind: 'signing' });
  });

  it('each closed state is a page of its own', () => {
    for (const state of ['cancelled', 'expired', 'completed', 'invalid'] as const) {
      expect(stepOfLink({ state } as PortalLink, now)).toEqual({ kind: 'closed', state, sealedUntil: null });
    }
    // 'declined' comes from the server once a signer declines (read as any closed state).
    expect(stepOfLink({ state: 'declined' } as unknown as PortalLink, now)).toEqual({ kind: 'closed', state: 'declined', sealedUntil: null });
  });

  it('a completed link offers the sealed PDF only while its availableUntil is ahead', () => {
    const completed = (availableUntil: string) => ({ state: 'completed', sealed: { availableUntil } }) as PortalLink;
    expect(sealedUntil(completed('2025-03-20T12:00:00.000Z'), now)).toBe('2025-03-20T12:00:00.000Z');
    expect(stepOfLink(completed('2025-03-20T12:00:00.000Z'), now)).toEqual({ kind: 'closed', state: 'completed', sealedUntil: '2025-03-20T12:00:00.000Z' });
    expect(sealedUntil(completed('2025-03-10T12:00:00.000Z'), now)).toBeNull();
    expect(sealedUntil(completed('2025-03-01T00:00:00.000Z'), now)).toBeNull();
    expect(sealedUntil({ state: 'completed' } as PortalLink, now)).toBeNull();
    expect(sealedUntil(open, now)).toBeNull();
  });

  it('every state has a title, and every closed page its own title and text, in English and Polish', async () => {
    const { tEn, tPl } = await makeTranslators();
    const states: PageState[] = [
      { kind: 'loading' },
      { kind: 'failed', error: null },
      { kind: 'code', link: open, sent: false },
      { kind: 'locked', link: open },
      { kind: 'signing', link: open },
      { kind: 'done', outcome: 'signed', last: false, companyName: 'Zakłady Łódzkie' },
      { kind: 'done', outcome: 'declined', last: false, companyName: 'Zakłady Łódzkie' },
      ...(Object.keys(closedPages) as ClosedPage[]).map((state) => ({ kind: 'closed' as const, state, sealedUntil: null })),
    ];
    const titles = states.map((s) => pageTitleKey(s));
    expect(new Set(titles).size).toBe(titles.length);
    for (const t of [tEn, tPl]) {
      const texts = [...titles, ...Object.values(closedPages).flatMap((c) => c.leadKeys)];
      for (const key of texts) expect(t(key), key).not.toBe(key);
    }
    expect(tEn(closedPages.cancelled.leadKeys[0]!)).toMatch(/withdrawn by the sender/);
    expect(tEn(closedPages.expired.leadKeys[0]!)).toMatch(/past its signing date: ask the sender for a new one/);
    expect(tEn(closedPages.completed.titleKey)).toBe('Already signed');
    expect(tPl(closedPages.completed.titleKey)).toBe('Już podpisano');
    expect(tPl(closedPages.cancelled.titleKey)).toBe('Dokument został wycofany');
  });
});
