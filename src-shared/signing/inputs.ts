import { z } from 'zod';
import { uiLanguages } from '../settings/schema';
import { signingOrders } from './order';

const id = z.uuid({ error: 'validation.id' });
const isoDate = z.iso.date({ error: 'validation.date' });

export const signerChannels = ['app', 'inPerson', 'email', 'sms'] as const;
export const signatureMethods = ['drawn', 'typed', 'uploaded'] as const;

/** Step 5's "Send": the order, the deadline, and how each signer (by their id on the document) is reached. */
export const sendDocumentInput = z.object({
  id,
  version: z.int().min(1),
  order: z.enum(signingOrders, { error: 'validation.choice' }).default('companyFirst'),
  expiresOn: isoDate.optional(),
  channels: z.record(z.string().regex(/^\d{1,12}$/, { error: 'validation.id' }), z.enum(signerChannels, { error: 'validation.choice' })),
  /** The preparer's personal note to the signers, and the language their messages go out in. */
  message: z.string().trim().max(1000, { error: 'validation.tooLong' }).optional(),
  language: z.enum(uiLanguages, { error: 'validation.language' }).optional(),
  /** Remind a signer who has not acted every N days; absent for no reminders. */
  reminderDays: z.int({ error: 'validation.invalid' }).min(1, { error: 'validation.invalid' }).max(30, { error: 'validation.invalid' }).optional(),
});

const signerValues = z
  .record(z.string().max(64, { error: 'validation.tooLong' }), z.union([z.string().max(20_000, { error: 'validation.tooLong' }), z.number(), z.boolean()], { error: 'validation.type' }))
  .refine((v) => Object.keys(v).length <= 500, { error: 'validation.tooManyFields' })
  .default({});

export const signInput = z.object({
  documentId: id,
  method: z.enum(signatureMethods, { error: 'validation.choice' }),
  /** A PNG, base64; checked (format, size) by the service. */
  image: z.string().min(1, { error: 'validation.required' }).max(3_000_000, { error: 'validation.imageTooLarge' }),
  consent: z.boolean(),
  /** What the signer typed into their own fields, by field id; checked against the layout by the service. */
  values: signerValues,
});

export const declineInput = z.object({ documentId: id, reason: z.string().max(1000, { error: 'validation.tooLong' }) });
export const cancelInput = z.object({ id, reason: z.string().max(1000, { error: 'validation.tooLong' }).optional() });
/** "Send reminder" and what it would do: the document only; who is reminded is the main side's to decide. */
export const remindInput = z.object({ id });

const signerId = z.int({ error: 'validation.id' }).min(1);
const inPerson = { documentId: id, signerId };

export const inPersonStartInput = z.object({ ...inPerson, channel: z.enum(['email', 'sms'], { error: 'validation.choice' }) });
export const inPersonCheckInput = z.object({ ...inPerson, code: z.string().trim().regex(/^\d{3}\s?\d{3}$/, { error: 'signing.otp.format' }) });
export const inPersonSignInput = z.object({ ...inPerson, method: signInput.shape.method, image: signInput.shape.image, consent: z.boolean(), values: signerValues });
export const inPersonDeclineInput = z.object({ ...inPerson, reason: declineInput.shape.reason });
export const inPersonInput = z.object(inPerson);

const pin = z.string().regex(/^\d{4,8}$/, { error: 'kiosk.pinFormat' });
export const kioskLockInput = z.object({ ...inPerson, pin });
export const kioskUnlockInput = z.object({ pin: z.string().max(8, { error: 'kiosk.pinFormat' }) });
