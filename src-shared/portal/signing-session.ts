import { z } from 'zod';
import { fieldLayoutSchema } from '../fields/layout';
import { signatureMethods } from '../signing/inputs';

/*
 * Signing on the portal (issue 6, item 4), as the server answers it and the page reads it: once a code has opened a
 * signing session (the HttpOnly cookie), the page asks what this signer signs, then signs or declines. After the last
 * signature the server seals; a signer's link then offers the sealed PDF for 14 days.
 */
export const portalSigningPath = '/api/v1/portal/session/signing';
export const portalSignPath = '/api/v1/portal/session/sign';
export const portalDeclinePath = '/api/v1/portal/session/decline';
/** The sealed PDF by the signer's own link, while it is offered (`sealedDownloadDays` after the seal). */
export const portalSealedPath = (token: string) => `/api/v1/portal/links/${encodeURIComponent(token)}/sealed`;

/** As Bitrix24 does it: each signer can download the sealed document for 14 days, then it leaves the portal. */
export const sealedDownloadDays = 14;
export const sealedDownloadMs = sealedDownloadDays * 24 * 60 * 60_000;

const pageSizeSchema = z.object({ width: z.number().positive(), height: z.number().positive() });
const fieldValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** What the signing page needs: whose document, this signer's own fields (only theirs) with the preparer's values for them, the pages' sizes. */
export const signingSubjectSchema = z.object({
  title: z.string(),
  number: z.string(),
  companyName: z.string(),
  preparerName: z.string().nullable(),
  signer: z.object({ name: z.string(), ref: z.string(), country: z.string().nullable() }),
  /** The signer's own fields only; another signer's are none of this page's business. */
  layout: fieldLayoutSchema,
  values: z.record(z.string(), fieldValueSchema),
  pageSizes: z.array(pageSizeSchema),
  /** waiting: theirs to sign; signed / declined: already done from this link (a second tab, a reload). */
  status: z.enum(['waiting', 'signed', 'declined']),
});
export type SigningSubject = z.output<typeof signingSubjectSchema>;

const signerValuesSchema = z
  .record(z.string().max(64, { error: 'validation.tooLong' }), z.union([z.string().max(20_000, { error: 'validation.tooLong' }), z.number(), z.boolean()], { error: 'validation.type' }))
  .refine((v) => Object.keys(v).length <= 500, { error: 'validation.tooManyFields' })
  .default({});

export const portalSignRequestSchema = z.object({
  method: z.enum(signatureMethods, { error: 'validation.choice' }),
  /** A PNG, base64; checked (format, size) by the server as the desktop checks one. */
  image: z.string().min(1, { error: 'validation.required' }).max(3_000_000, { error: 'validation.imageTooLarge' }),
  consent: z.literal(true, { error: 'signing.consentRequired' }),
  values: signerValuesSchema,
});
export type PortalSignRequest = z.input<typeof portalSignRequestSchema>;

export const portalDeclineRequestSchema = z.object({ reason: z.string().trim().min(1, { error: 'signing.reasonRequired' }).max(1000, { error: 'validation.tooLong' }) });
export type PortalDeclineRequest = z.input<typeof portalDeclineRequestSchema>;

/** After a signature: signed, and whether it was the last one (the seal follows on the server, then the e-mails). */
export const portalSignedSchema = z.object({ status: z.literal('signed'), signedAt: z.string(), last: z.boolean() });
export type PortalSigned = z.output<typeof portalSignedSchema>;
export const portalDeclinedSchema = z.object({ status: z.literal('declined'), declinedAt: z.string() });
export type PortalDeclined = z.output<typeof portalDeclinedSchema>;
