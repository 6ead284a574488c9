import { z } from 'zod';
import { fieldLayoutSchema, maxFieldsPerLayout } from '../fields/layout';
import { maxTextMaxLength } from '../fields/placement';
import { defaultPdfLimits } from '../pdf/limits';
import { signingOrders } from '../signing/order';
import { requiredText } from '../text/schema-text';

/*
 * Publishing a document to the company server (issue 6, item 3), as both ends read it: the desktop uploads the file
 * (resumable, tus-like: POST makes or finds the upload, PATCH appends at an offset, HEAD tells the offset), then posts
 * the document's facts, its layout and its signers. Paths are under /api/v1 and need the device's token.
 */

/** The largest file a document may bring; far above any contract, small enough that a server's disk is not filled by one. */
export const maxUploadBytes = 100 * 1024 * 1024;
export const maxUploadMb = maxUploadBytes / (1024 * 1024);
/** What a chunk is sent as, as in tus: bytes that belong at the offset the Upload-Offset header names. */
export const uploadChunkContentType = 'application/offset+octet-stream';
/** The desktop's chunk: small enough that a dropped connection loses little, large enough to be few requests. */
export const uploadChunkBytes = 1024 * 1024;

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, { error: 'validation.invalid' });

export const createUploadSchema = z.object({ sha256: sha256Schema, size: z.number().int().min(1) });
export type CreateUpload = z.input<typeof createUploadSchema>;

/** An upload's state: where the next chunk goes; `complete` once the file is checked and stored. */
export const uploadStateSchema = z.object({ uploadId: z.uuid(), offset: z.number().int().min(0), size: z.number().int().min(1), complete: z.boolean() });
export type UploadState = z.output<typeof uploadStateSchema>;

/** Who is reached by a link from the server; 'app' and 'inPerson' signers sign on a desktop and get none. */
export const remoteChannels = ['email', 'sms'] as const;
export type RemoteChannel = (typeof remoteChannels)[number];
export const isRemoteChannel = (channel: string): channel is RemoteChannel => (remoteChannels as readonly string[]).includes(channel);

export const publishedSignerSchema = z
  .object({
    /** The desktop's signer id: the server answers with it, and later events name it. */
    id: z.string().min(1).max(64),
    /** The signer's place in the layout (`company-1`, `counterparty-2`): whose fields are whose. */
    ref: z.string().regex(/^(company|counterparty)-[1-9][0-9]{0,2}$/),
    side: z.enum(['company', 'counterparty']),
    name: requiredText(200),
    email: z.email().max(254).optional(),
    phone: z.string().regex(/^\+[1-9][0-9]{6,14}$/, { error: 'validation.phone' }).optional(),
    channel: z.enum(['app', 'inPerson', ...remoteChannels]),
    language: z.enum(['pl', 'en']),
    /** Their contact's country (ISO 3166 alpha-2): the server reads their values by it, as the desktop does. */
    country: z.string().regex(/^[A-Za-z]{2}$/, { error: 'validation.country' }).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.channel === 'email' && !s.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'validation.required' });
    if (s.channel === 'sms' && !s.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'validation.required' });
  });
export type PublishedSignerInput = z.input<typeof publishedSignerSchema>;

export const publishRequestSchema = z
  .object({
    /** The desktop's document id; with the device, what makes a retried publish the same one. */
    documentId: z.uuid(),
    title: requiredText(300),
    number: requiredText(100),
    companyName: requiredText(300),
    /** The employee who sends it, whom the portal shows as asking (optional: older desktops do not say). */
    preparerName: requiredText(200).optional(),
    fileSha256: sha256Schema,
    layout: fieldLayoutSchema,
    /** In their order on the desktop (the position each gets). */
    signers: z.array(publishedSignerSchema).min(1).max(50),
    order: z.enum(signingOrders),
    expiresAt: z.iso.datetime({ offset: true }),
    message: z.string().max(1000).optional(),
    /**
     * The preparer's values (DocumentFields.values), already checked and normalised on the desktop: the signing page
     * shows them and the seal draws them. Kept as given; a signer's own are checked again with them when they sign.
     */
    values: z
      .record(z.string().max(64), z.union([z.string().max(2 * maxTextMaxLength), z.number(), z.boolean()]))
      .refine((v) => Object.keys(v).length <= maxFieldsPerLayout, { error: 'validation.tooManyFields' })
      .optional(),
    /** The pages' visible sizes in points (DocumentFields.pageSizes); a server given none measures the file. */
    pageSizes: z
      .array(z.object({ width: z.number().positive(), height: z.number().positive() }))
      .min(1)
      .max(defaultPdfLimits.maxPages)
      .optional(),
    /**
     * The desktop hands the document's automation to the server (issue 9): from now on the server's engine follows
     * what happens to it, starting with the card in `stage` (its sync id) since the send (`since`: a stage a desktop
     * pushes with an older stamp is no entry), and the condition triggers whose condition already holds for it
     * (`holding`: they fired here, and must not fire there again). Older desktops do not say: theirs stays.
     */
    automation: z
      .strictObject({ stage: z.string().min(1).max(200), since: z.iso.datetime({ offset: true }), holding: z.array(z.string().min(1).max(64)).max(500).optional() })
      .optional(),
  })
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    const refs = new Set<string>();
    p.signers.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['signers', i, 'id'], message: 'validation.invalid' });
      if (refs.has(s.ref) || !s.ref.startsWith(`${s.side}-`)) ctx.addIssue({ code: 'custom', path: ['signers', i, 'ref'], message: 'validation.invalid' });
      ids.add(s.id);
      refs.add(s.ref);
    });
  });
export type PublishRequest = z.input<typeof publishRequestSchema>;

/** `declined`: a signer declined on the portal, which closed the document for everyone. */
export const publishedStates = ['open', 'completed', 'declined', 'cancelled', 'expired'] as const;
export type PublishedState = (typeof publishedStates)[number];

/** A link's message: with the outbox, or held until the company side has signed ("company first"). */
export const linkMessageStates = ['queued', 'held'] as const;
export type LinkMessageState = (typeof linkMessageStates)[number];

export const publishResponseSchema = z.object({
  /** The server's id of the published document. */
  publishedId: z.uuid(),
  documentId: z.uuid(),
  state: z.enum(publishedStates),
  createdAt: z.string(),
  expiresAt: z.string(),
  links: z.array(z.object({ signerId: z.string(), linkId: z.uuid(), channel: z.enum(remoteChannels), message: z.enum(linkMessageStates) })),
  /** The server runs the document's automation (it was handed over); absent from an older server, which does not. */
  automation: z.literal('server').optional(),
});
export type PublishResponse = z.output<typeof publishResponseSchema>;
