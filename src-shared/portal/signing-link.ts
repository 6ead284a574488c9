import { z } from 'zod';

/*
 * A signer's link on the portal (issue 6, items 4 and 7), as the server answers it and the page reads it: what the
 * link shows before the identity code, the code's request and check, and the document a passed code opens. The token
 * is the one in /s/<token>; the signing session after the code is an HttpOnly cookie the page never sees.
 */
export const portalLinkPath = (token: string) => `/api/v1/portal/links/${encodeURIComponent(token)}`;
export const portalCodePath = (token: string) => `${portalLinkPath(token)}/code`;
export const portalCodeCheckPath = (token: string) => `${portalCodePath(token)}/check`;
export const portalDocumentPath = '/api/v1/portal/session/document';

/** The session cookie's name and the paths it is sent to (the portal API only, never the pages). */
export const portalSessionCookie = 'signet_portal_session';
export const portalSessionCookiePath = '/api/v1/portal';

/** A signing session lasts half an hour from the passed code: long enough to read and sign, short if a device is left open. */
export const portalSessionMs = 30 * 60_000;

/**
 * A new code not within a minute of the last one, and at most five an hour per signer: enough for a lost message or a
 * slow phone, too few to flood someone's inbox through the link.
 */
export const codeResendLimits = { minIntervalMs: 60_000, maxPerWindow: 5, windowMs: 60 * 60_000 } as const;

/**
 * Per client address on the link's public calls (counted by the server, keyed as trustProxy resolves the address),
 * and per link on opening it. A guesser gets 60 tries a minute against 2^256 tokens.
 */
export const portalRateLimits = {
  openPerIp: { max: 60, windowMs: 60_000 },
  openPerLink: { max: 30, windowMs: 60_000 },
  codePerIp: { max: 10, windowMs: 60_000 },
  checkPerIp: { max: 30, windowMs: 60_000 },
  documentPerIp: { max: 30, windowMs: 60_000 },
  /** What the signer signs (signing-session.ts), reloaded at most with the page. */
  signingPerIp: { max: 30, windowMs: 60_000 },
  /** A signature or a decline: one is enough; a few more for retries after a lost answer. */
  signPerIp: { max: 10, windowMs: 60_000 },
  declinePerIp: { max: 10, windowMs: 60_000 },
} as const;

export const portalLinkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,128}$/);

/**
 * Links that cannot be signed, each with its own page: withdrawn, past its date, already done, declined by a signer
 * (which closes the document for everyone), or not a link at all.
 */
export const closedLinkStates = ['cancelled', 'expired', 'completed', 'declined', 'invalid'] as const;
export type ClosedLinkState = (typeof closedLinkStates)[number];

export const portalCodeStateSchema = z.enum(['none', 'sent', 'locked', 'passed']);

export const openLinkSchema = z.object({
  state: z.literal('open'),
  companyName: z.string(),
  /** Who asks, when the desktop named them (older publishes did not). */
  preparerName: z.string().nullable(),
  title: z.string(),
  number: z.string(),
  pageCount: z.number().int().min(1),
  signerName: z.string(),
  channel: z.enum(['email', 'sms']),
  /** Where the code goes, shown masked: j***@example.pl, +48 *** *** 567. */
  maskedAddress: z.string(),
  language: z.enum(['pl', 'en']),
  expiresAt: z.string(),
  /** The signer's identity code: none asked yet, sent (and open), locked after five wrong ones, passed. */
  code: portalCodeStateSchema,
});

/**
 * A completed document's link offers the sealed PDF (portalSealedPath in signing-session.ts) while it is on the portal,
 * `sealedDownloadDays` after the seal; before the seal and after that, no `sealed`.
 */
export const completedLinkSchema = z.object({ state: z.literal('completed'), sealed: z.object({ availableUntil: z.string() }).optional() });
export type CompletedPortalLink = z.output<typeof completedLinkSchema>;

export const portalLinkSchema = z.discriminatedUnion('state', [openLinkSchema, completedLinkSchema, z.object({ state: z.enum(closedLinkStates).exclude(['completed']) })]);
export type PortalLink = z.output<typeof portalLinkSchema>;
export type OpenPortalLink = z.output<typeof openLinkSchema>;

export const codeSentSchema = z.object({ channel: z.enum(['email', 'sms']), maskedAddress: z.string(), expiresAt: z.string(), nextCodeAt: z.string() });
export type CodeSent = z.output<typeof codeSentSchema>;

export const codeCheckRequestSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, { error: 'signing.otp.format' }) });
export type CodeCheckRequest = z.input<typeof codeCheckRequestSchema>;

export const codePassedSchema = z.object({ sessionExpiresAt: z.string() });
export type CodePassed = z.output<typeof codePassedSchema>;
