import type { ClosedLinkState, OpenPortalLink, PortalLink } from '../../../src-shared/portal/signing-link';

/*
 * The signing link page's steps, decided from what the server answers (pure: the page and its tests read the same
 * table). A closed link is a page of its own, never an error: withdrawn, past its date, already signed (with the
 * sealed PDF while it is offered), declined, or not a link at all.
 */

/** Every closed page: the server's closed states, and a document one of its signers declined. */
export type ClosedPage = ClosedLinkState | 'declined';

export type LinkStep =
  | { kind: 'closed'; state: ClosedPage; sealedUntil: string | null }
  /** `sent`: a code went out before this page opened (a reload), so the input shows at once. */
  | { kind: 'code'; link: OpenPortalLink; sent: boolean }
  | { kind: 'locked'; link: OpenPortalLink }
  /** The code passed before: the session cookie may still be good, and the page tries it first. */
  | { kind: 'signing'; link: OpenPortalLink };

export type PageState =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | LinkStep
  | { kind: 'done'; outcome: 'signed' | 'declined'; last: boolean; companyName: string };

interface ClosedCopy {
  titleKey: string;
  leadKeys: string[];
}

export const closedPages: Record<ClosedPage, ClosedCopy> = {
  cancelled: { titleKey: 'portal.closed.cancelled.title', leadKeys: ['portal.closed.cancelled.lead'] },
  expired: { titleKey: 'portal.closed.expired.title', leadKeys: ['portal.closed.expired.lead'] },
  completed: { titleKey: 'portal.closed.completed.title', leadKeys: ['portal.closed.completed.lead'] },
  declined: { titleKey: 'portal.closed.declined.title', leadKeys: ['portal.closed.declined.lead'] },
  invalid: { titleKey: 'portal.linkNotValid.title', leadKeys: ['portal.linkNotValid.lead', 'portal.linkNotValid.next'] },
};

/**
 * Until when the sealed PDF may be downloaded from a completed link: the server's `sealed.availableUntil`, while it
 * is still ahead. Read loosely: a server (or a schema) that does not offer it yet says nothing, and there is no button.
 */
export function sealedUntil(link: PortalLink, nowMs: number): string | null {
  if (link.state !== 'completed') return null;
  const until = (link as { sealed?: { availableUntil?: unknown } }).sealed?.availableUntil;
  if (typeof until !== 'string') return null;
  const at = Date.parse(until);
  return Number.isFinite(at) && at > nowMs ? until : null;
}

export function stepOfLink(link: PortalLink, nowMs: number): LinkStep {
  if (link.state !== 'open') return { kind: 'closed', state: link.state, sealedUntil: sealedUntil(link, nowMs) };
  switch (link.code) {
    case 'locked':
      return { kind: 'locked', link };
    case 'passed':
      return { kind: 'signing', link };
    case 'sent':
      return { kind: 'code', link, sent: true };
    case 'none':
      return { kind: 'code', link, sent: false };
  }
}

/** The browser tab's title for each state (the page's own heading says the same or more). */
export function pageTitleKey(state: PageState): string {
  switch (state.kind) {
    case 'loading':
      return 'portal.signing.loadingTitle';
    case 'failed':
      return 'portal.signing.failedTitle';
    case 'closed':
      return closedPages[state.state].titleKey;
    case 'code':
      return 'portal.code.title';
    case 'locked':
      return 'portal.locked.title';
    case 'signing':
      return 'portal.signing.title';
    case 'done':
      return state.outcome === 'signed' ? 'portal.done.signedTitle' : 'portal.done.declinedTitle';
  }
}
