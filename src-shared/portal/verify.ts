import { z } from 'zod';
import type { VerificationReport } from '../pdf/verification';

/*
 * The public verification page's one call, as the server route and the portal page both read it: the PDF's bytes as
 * the request body (no JSON, no base64: a 50 MB file stays 50 MB on the wire), the desktop Verify's report back.
 */
export const publicVerifyPath = '/api/v1/public/verify';
export const publicVerifyContentType = 'application/pdf';

/** Half the desktop's limit: this is anyone on the internet, and the server holds the whole body in memory to check it. */
export const publicVerifyMaxBytes = 50 * 1024 * 1024;
export const publicVerifyMaxMb = Math.round(publicVerifyMaxBytes / 1048576);

/** Per client address, counted by the server: a check hashes the whole file, so it is the costliest public request. */
export const publicVerifyRateLimit = { max: 20, windowMs: 60_000 } as const;

export type PublicVerifyResponse = VerificationReport;

/**
 * The answer's outline, enough to tell a report from anything else the page might get (a proxy's error page, say);
 * the report's details are the server's own `verifyPdf` output and are typed by `VerificationReport`.
 */
export const publicVerifyResponseSchema = z.looseObject({
  verdict: z.enum(['valid', 'untrusted', 'tampered', 'unsigned']),
  reasons: z.array(z.string()),
  signatures: z.array(z.looseObject({ index: z.number().int(), intact: z.boolean() })),
  fileSize: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
