import { z } from 'zod';
import { signatureMethods } from '../signing/inputs';

/*
 * What a published document's desktop hears back (issue 6, item 5): every step its signers take on the server, in
 * one numbered feed per device, over Server-Sent Events. A desktop that was away asks from the last number it kept
 * (`?after=N` or the Last-Event-ID header) and gets everything since, then the live ones. The company signer's own
 * signature goes the other way: the desktop reports it, and the server releases the links held for it.
 */
export const eventsPath = '/api/v1/events';

/**
 * The server's automation of a document its desktop handed over (issue 9): the card moved into a stage (by a trigger,
 * a rule, or the lifecycle as the server mirrors it), and each action's outcome for the document's timeline.
 */
export const serverAutomationEventTypes = ['stageMoved', 'automationRan', 'automationStopped'] as const;
export const serverEventName = 'signet';
/** The sealed PDF of a published document, for the desktop that published it. */
export const sealedFilePath = (publishedId: string) => `/api/v1/documents/${encodeURIComponent(publishedId)}/sealed`;
/** A signer who signed on the desktop (the company signer in the app, a counterparty in person): reported to the server. */
export const desktopSignaturePath = (publishedId: string, signerId: string) => `/api/v1/documents/${encodeURIComponent(publishedId)}/signers/${encodeURIComponent(signerId)}/signature`;
/** A job of the server's automation that failed, queued again from a desktop's execution log (automation.manage). */
export const automationRetryPath = (jobId: string) => `/api/v1/automation/jobs/${encodeURIComponent(jobId)}/retry`;

/** A portal signer locked out by five wrong codes: the publishing desktop's preparer lets them ask for a new one. */
export const unlockCodePath = (publishedId: string, signerId: string) => `/api/v1/documents/${encodeURIComponent(publishedId)}/signers/${encodeURIComponent(signerId)}/unlock-code`;

export const serverEventTypes = ['viewed', 'codeSent', 'codePassed', 'locked', 'signed', 'declined', 'sealed', 'expired', 'cancelled', ...serverAutomationEventTypes] as const;
export type ServerEventType = (typeof serverEventTypes)[number];

export const serverEventSchema = z.object({
  /** The feed's number: strictly increasing per server; a desktop keeps the last one it applied. */
  seq: z.number().int().min(1),
  type: z.enum(serverEventTypes),
  /** The desktop's own ids (as it published them), so it never needs the server's. */
  documentId: z.string(),
  publishedId: z.string(),
  signerId: z.string().nullable(),
  at: z.string(),
  details: z
    .object({
      channel: z.enum(['email', 'sms']).optional(),
      method: z.enum(signatureMethods).optional(),
      identity: z.enum(['appLogin', 'emailCode', 'smsCode']).optional(),
      reason: z.string().optional(),
      /** `sealed`: the sealed file's SHA-256, which the desktop checks the download against. */
      sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      size: z.number().int().optional(),
      ip: z.string().optional(),
      userAgent: z.string().optional(),
      /** An automation entry's details as the desktop's engine writes them (the stage moved to, the rule, the outcome). */
      automation: z.record(z.string().max(64), z.string().max(2000)).optional(),
    })
    .default({}),
});
export type ServerEvent = z.output<typeof serverEventSchema>;

/** A signature made on the desktop, as the server keeps it for the seal: the image, the values typed, how and when. */
export const desktopSignatureSchema = z.object({
  signedAt: z.iso.datetime({ offset: true }),
  method: z.enum(signatureMethods),
  identityCheck: z.enum(['appLogin', 'emailCode', 'smsCode']),
  /** The signature PNG, base64. */
  image: z.string().min(1).max(3_000_000),
  /** The signer's field values as the desktop stored them (signature images, dates included). */
  values: z.record(z.string().max(64), z.union([z.string().max(3_000_000), z.number(), z.boolean()])).default({}),
});
export type DesktopSignature = z.input<typeof desktopSignatureSchema>;

export const desktopSignatureAnswerSchema = z.object({
  /** Links whose message went out because of this signature (company first). */
  released: z.number().int().min(0),
  /** Whether this was the last signature (the server seals next). */
  last: z.boolean(),
});
export type DesktopSignatureAnswer = z.output<typeof desktopSignatureAnswerSchema>;
