import { z } from 'zod';
import type { EvidenceEvent } from '../pdf/certificate';
import type { Phase } from './lifecycle';
import type { Stage } from './stages';
import { currencies } from './money';
import type { SavedSendPlan } from './send-plan';

export const signerStatuses = ['waiting', 'sent', 'viewed', 'identityChecked', 'signed', 'declined'] as const;
export type SignerStatus = (typeof signerStatuses)[number];

export interface DocumentSigner {
  id: number;
  side: 'company' | 'counterparty';
  /** Who signs: a user of this installation (company side) or a contact (either side). */
  userId?: string | undefined;
  contactId?: string | undefined;
  name: string;
  companyName?: string | undefined;
  status: SignerStatus;
  signedAt?: string | undefined;
}

/** What a card and a list row show. Amounts are in minor units (grosze, cents), so sums are exact. */
export interface DocumentSummary {
  id: string;
  title: string;
  number: string;
  stageId: string;
  phase: Phase;
  amountMinor?: number | undefined;
  currency?: string | undefined;
  dueDate?: string | undefined;
  ownerId: string;
  ownerName: string;
  department?: string | undefined;
  tags: string[];
  signers: DocumentSigner[];
  createdAt: string;
  updatedAt: string;
  /** Bumped on every change: a move made against an older version is refused rather than applied blindly. */
  version: number;
}

/** A stored history entry: the evidence's chained event, numbered in its document. */
export interface DocumentEventView extends EvidenceEvent {
  seq: number;
}

export interface DocumentDetail extends DocumentSummary {
  originalSha256: string;
  originalName: string;
  sealedSha256?: string | undefined;
  events: DocumentEventView[];
  /** The stored history's hash chain holds (every row links to the one before). */
  chainIntact: boolean;
  /** How it is to be sent (saved by the wizard while a Draft) or was sent. */
  sendPlan: SavedSendPlan;
}

export interface BoardColumn {
  stage: Stage;
  count: number;
  /** Sum of amounts per currency, in minor units. */
  sums: { currency: string; amountMinor: number }[];
  cards: DocumentSummary[];
}

export interface Board {
  columns: BoardColumn[];
}

const text = (max: number) => z.string().trim().max(max, { error: 'validation.tooLong' });
const isoDate = z.iso.date({ error: 'validation.date' });

export const documentFilterSchema = z.object({
  mine: z.boolean().default(false),
  /** Out for signing and waiting for the signed-in employee's own company signature ("To sign"). */
  awaitingMySignature: z.boolean().default(false),
  query: text(200).default(''),
  counterpartyId: z.uuid({ error: 'validation.id' }).optional(),
  ownerId: z.uuid({ error: 'validation.id' }).optional(),
  department: text(100).optional(),
  tag: text(50).optional(),
  amountMin: z.int().min(0).optional(),
  amountMax: z.int().min(0).optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
});
export type DocumentFilter = z.output<typeof documentFilterSchema>;

export const newDocumentSchema = z.object({
  /** An original already taken in by `pdf.import`. */
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'validation.invalid' }),
  originalName: text(255).min(1, { error: 'validation.required' }),
  title: text(300).min(1, { error: 'validation.required' }),
  companySignerIds: z.array(z.uuid({ error: 'validation.id' })).max(20).default([]),
  counterpartyContactIds: z.array(z.uuid({ error: 'validation.id' })).max(20).default([]),
  amountMinor: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  currency: z.enum(currencies, { error: 'validation.choice' }).optional(),
  dueDate: isoDate.optional(),
  department: text(100).optional(),
  tags: z.array(text(50).min(1)).max(20).default([]),
});
export type NewDocument = z.output<typeof newDocumentSchema>;

/**
 * The wizard's later saves to its Draft: only what is given changes. Signers given for a side replace that side's
 * signers, in the order given.
 */
export const documentUpdateSchema = z.object({
  id: z.uuid({ error: 'validation.id' }),
  version: z.int().min(1),
  title: newDocumentSchema.shape.title.optional(),
  companySignerIds: z.array(z.uuid({ error: 'validation.id' })).max(20).optional(),
  counterpartyContactIds: z.array(z.uuid({ error: 'validation.id' })).max(20).optional(),
  amountMinor: newDocumentSchema.shape.amountMinor,
  currency: newDocumentSchema.shape.currency,
  dueDate: isoDate.optional(),
  tags: z.array(text(50).min(1)).max(20).optional(),
});
export type DocumentUpdate = z.output<typeof documentUpdateSchema>;
