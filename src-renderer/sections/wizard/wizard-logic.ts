import type { DocumentSigner } from '../../../src-shared/documents/types';
import { dayAfter } from '../../../src-shared/dates/calendar';
import type { FieldLayout } from '../../../src-shared/fields/layout';

export const wizardSteps = ['file', 'signers', 'fields', 'delivery', 'review'] as const;
export type WizardStep = (typeof wizardSteps)[number];

/** The default: signing links stay valid for 14 days. */
export const defaultExpiryDays = 14;

/** yyyy-MM-dd in this computer's calendar, `days` after `today`. */
export const dateAfter = dayAfter;

/** The deadline is the end of the day chosen, so today is already too late to be useful: it must be a later day. */
export function expiryProblem(expiresOn: string, today: Date): 'validation.required' | 'wizard.delivery.expiryPast' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) return 'validation.required';
  return expiresOn <= dateAfter(today, 0) ? 'wizard.delivery.expiryPast' : null;
}

export type Channel = 'app' | 'inPerson' | 'email' | 'sms';
export interface ChannelOption {
  channel: Channel;
  /** Why it cannot be chosen, as a message key; absent when it can. */
  unavailable?: string | undefined;
}

/**
 * How a signer can be reached: an employee who uses this app signs in it; a counterparty in person on this computer,
 * or, with this desktop linked to the company server (`serverLinked`), by a link sent by e-mail or SMS to an address
 * their contact has. Without the server, e-mail and SMS are listed so the preparer sees why they are not offered (a
 * link needs a server to open on), and which address would be used.
 */
export function channelOptions(
  signer: Pick<DocumentSigner, 'side' | 'userId'>,
  contact?: { email?: string | undefined; phone?: string | undefined },
  serverLinked = false,
): ChannelOption[] {
  if (signer.side === 'company' && signer.userId) return [{ channel: 'app' }];
  const needsServer = serverLinked ? undefined : 'wizard.delivery.needsServer';
  return [
    { channel: 'inPerson' },
    { channel: 'email', unavailable: contact?.email ? needsServer : 'wizard.delivery.noEmail' },
    { channel: 'sms', unavailable: contact?.phone ? needsServer : 'wizard.delivery.noPhone' },
  ];
}

export function defaultChannel(signer: Pick<DocumentSigner, 'side' | 'userId'>): Channel {
  return channelOptions(signer).find((o) => !o.unavailable)!.channel;
}

export interface DraftFacts {
  signers: readonly Pick<DocumentSigner, 'side'>[];
  layout: FieldLayout;
  /** The signer references that exist now (`company-1`, …). */
  refs: readonly string[];
}

/** Fields whose signer place no longer exists (a signer was removed after they were placed). */
export function orphanFields(layout: FieldLayout, refs: readonly string[]) {
  return layout.fields.filter((f) => !refs.includes(f.signerId));
}

/**
 * Where a resumed Draft opens: the first step not done. Signers are done when both sides have one; fields when every
 * signer has a field and none is orphaned. A complete Draft opens at delivery, showing the choices it saved, so they
 * are looked at again before the review.
 */
export function firstIncompleteStep(facts: DraftFacts): WizardStep {
  const sides = new Set(facts.signers.map((s) => s.side));
  if (!sides.has('company') || !sides.has('counterparty')) return 'signers';
  const assigned = new Set(facts.layout.fields.map((f) => f.signerId));
  if (facts.refs.some((r) => !assigned.has(r)) || orphanFields(facts.layout, facts.refs).length > 0) return 'fields';
  return 'delivery';
}

/** Fields per signer reference, for the review. */
export function fieldCounts(layout: FieldLayout): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of layout.fields) counts[f.signerId] = (counts[f.signerId] ?? 0) + 1;
  return counts;
}

/** "Contract v2.pdf" → "Contract v2": the title a new document starts with. */
export function titleFromFileName(name: string): string {
  return name.replace(/\.pdf$/i, '').replace(/[_]+/g, ' ').trim().slice(0, 300) || name;
}
