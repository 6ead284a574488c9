import { z } from 'zod';
import { isAllowedEndpoint } from '../security/secret-endpoint';

/**
 * The company server's address, as the desktop is given it and the server is told its public one: https, or plain http
 * to this computer only (a test or a server on the same machine), since the API token travels on every request. Only
 * scheme, host, port and an optional path (a server behind a reverse proxy under /signet): no user name, query or
 * fragment, so the API paths can be appended to it.
 */
export function serverUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'validation.serverUrl';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'validation.serverUrl';
  if (url.username || url.password || url.search || url.hash) return 'validation.serverUrlPlain';
  if (!isAllowedEndpoint(text)) return 'validation.serverUrlHttps';
  return null;
}

/** One spelling for one server: `https://Sign.Example.com/` and `https://sign.example.com` are the same address. */
export function normalizeServerUrl(text: string): string {
  const url = new URL(text);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Whether two addresses name one server (as normalizeServerUrl spells it); one that is not an address names none. */
export function sameServerUrl(a: string, b: string): boolean {
  try {
    return normalizeServerUrl(a) === normalizeServerUrl(b);
  } catch {
    return false;
  }
}

export const serverUrlSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .max(500, { error: 'validation.tooLong' })
  .transform((text, ctx) => {
    const problem = serverUrlProblem(text);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return normalizeServerUrl(text);
  });
