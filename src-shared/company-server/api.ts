import { z } from 'zod';
import { requiredText } from '../text/schema-text';
import { pairingCodeSchema } from './pairing-code';

/*
 * The company server's HTTP API as both ends read it: the server parses requests with these schemas, the desktop
 * parses the server's answers with them (an answer that does not fit is "not a Signet server"). Versioned by path.
 */
export const apiPrefix = '/api/v1';
export const serverServiceName = 'signet-server';

// eslint-disable-next-line no-control-regex -- a name with control characters would garble the server's device list
export const deviceNameSchema = requiredText(100).refine((s) => !/[\u0000-\u001F\u007F]/.test(s), { error: 'validation.invalid' });

export const pairRequestSchema = z.object({ code: pairingCodeSchema, deviceName: deviceNameSchema });
export type PairRequest = z.input<typeof pairRequestSchema>;

/** The API token is 32 random bytes, base64url (43 characters); the server keeps only its SHA-256. */
export const apiTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43,128}$/);

export const pairResponseSchema = z.object({
  service: z.literal(serverServiceName),
  token: apiTokenSchema,
  deviceId: z.uuid(),
  serverId: z.uuid(),
  serverName: z.string().max(200).optional(),
});
export type PairResponse = z.output<typeof pairResponseSchema>;

export const whoamiSchema = z.object({
  deviceId: z.uuid(),
  deviceName: z.string(),
  pairedAt: z.string(),
  serverId: z.uuid(),
});
export type WhoAmI = z.output<typeof whoamiSchema>;

export const healthSchema = z.object({ service: z.literal(serverServiceName), status: z.enum(['ok', 'unavailable']), version: z.string() });
export type Health = z.output<typeof healthSchema>;

/**
 * What a refusal says, for a program (`code`) and a person (`messageKey` into the locales, and `message`, its English
 * text for someone reading the answer with curl). A wrong, used and expired pairing code are told apart: telling which
 * needs the code itself, so it helps nobody who is guessing.
 */
export const apiErrorCodes = [
  'PAIRING_CODE_INVALID',
  'PAIRING_CODE_USED',
  'PAIRING_CODE_EXPIRED',
  'PAIRING_RATE_LIMITED',
  'UNAUTHENTICATED',
  'BAD_REQUEST',
  'NOT_FOUND',
  'UNAVAILABLE',
  'INTERNAL',
  // The public verification page: a file that is not a readable PDF (messageKey says why, as the desktop does), one
  // over the size limit, and too many requests from one address.
  'PDF_REFUSED',
  'PDF_TOO_LARGE',
  'RATE_LIMITED',
  // Publishing (publish.ts): a file over the limit, a chunk at the wrong offset (the answer's values say where the
  // upload stands), a file whose bytes do not hash to what was announced, a publish naming a file not uploaded, and a
  // server started without --public-url, which cannot write a link anyone could open.
  'UPLOAD_TOO_LARGE',
  'UPLOAD_OFFSET_MISMATCH',
  'UPLOAD_HASH_MISMATCH',
  'FILE_NOT_UPLOADED',
  'NO_PUBLIC_URL',
  // The portal's signing links (src-shared/portal/signing-link.ts): a link that cannot be used (its state in the
  // values: cancelled, expired, completed, invalid), a wrong, lapsed or missing code (the desktop's own message key),
  // a code locked after five wrong ones, a new code asked for too soon or too often, and no signing session.
  'LINK_CLOSED',
  'CODE_REFUSED',
  'CODE_LOCKED',
  'CODE_RESEND_LIMITED',
  'SESSION_REQUIRED',
  // Signing on the portal (src-server/signing/): not this signer's turn by the document's order (or no longer theirs),
  // a decline after their signature, and a desktop's signature report for a document closed on the server meanwhile
  // (declined, cancelled, expired; its state in the values).
  'NOT_YOUR_TURN',
  'ALREADY_SIGNED',
  'DOCUMENT_CLOSED',
  // The sealed PDF (src-server/sealing/): asked for before the seal (or by a signer who has not signed), and asked for
  // after it left the portal (14 days after the seal; the desktop's copy later, see sealed-removal.ts).
  'SEALED_NOT_READY',
  'SEALED_GONE',
  // Accounts (src-server/accounts/): a device the administrator revoked, an account disabled (its devices keep their
  // tokens), an administrator's call by someone else, an enrolment code wrong, used or expired, an address taken.
  'DEVICE_REVOKED',
  'ACCOUNT_DISABLED',
  'FORBIDDEN',
  'ENROLMENT_CODE_INVALID',
  'ENROLMENT_CODE_USED',
  'ENROLMENT_CODE_EXPIRED',
  'EMAIL_TAKEN',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(apiErrorCodes),
    messageKey: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), messageKey: z.string() })).optional(),
    /** The message's `{{name}}` values (the size limit, say), for the page to translate it with. */
    values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
});
export type ApiErrorBody = z.output<typeof apiErrorSchema>;
