import { portalCodeCheckPath, portalCodePath, portalDocumentPath, portalLinkPath } from '../../src-shared/portal/signing-link';
import { portalSignPath, portalSigningPath } from '../../src-shared/portal/signing-session';
import { makePng } from '../../src-main/test-support/png';
import type { Latencies } from './latencies';
import type { PortalWorld } from './portal-world';

/**
 * What a signer's flow needs of the world: the server, the tokens, and the mail (kept by the bench's SMTP sink, which
 * may be in another process: hence the count is asked, not read).
 */
export interface SignerWorld extends Pick<PortalWorld, 'url' | 'signers' | 'codeFor'> {
  /** How many messages the sink has received so far. */
  mailCount(): Promise<number>;
}

const signature = makePng(240, 80).toString('base64');

/** One simulated signer's address: 10.x.y.z from their number, as a reverse proxy would pass it on. */
export const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}`;

async function expectOk(response: Response, step: string): Promise<Response> {
  if (!response.ok) throw new Error(`${step}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response;
}

/**
 * What a counterparty's browser asks of the server, in order: the page at /s/<token>, the link, a code, its check
 * (the session cookie), what they sign, the PDF, and the signature. Each timed by step; the wait for the code e-mail is
 * the signer's, not the server's, and is not.
 */
export async function signerFlow(world: SignerWorld, i: number, stats: Latencies): Promise<void> {
  const { token, email } = world.signers[i]!;
  const headers = { 'x-forwarded-for': addressOf(i), 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Signet bench' };
  const get = (step: string, path: string, extra: Record<string, string> = {}) =>
    stats.time(step, async () => {
      const response = await expectOk(await fetch(`${world.url}${path}`, { headers: { ...headers, ...extra } }), step);
      await response.arrayBuffer();
      return response;
    });
  const post = (step: string, path: string, body: unknown, extra: Record<string, string> = {}) =>
    stats.time(step, async () => {
      const response = await expectOk(await fetch(`${world.url}${path}`, { method: 'POST', headers: { ...headers, ...extra, 'content-type': 'application/json' }, body: JSON.stringify(body) }), step);
      return { response, body: (await response.json()) as unknown };
    });

  await get('page /s/<token>', `/s/${token}`);
  await get('link', portalLinkPath(token));
  const since = await world.mailCount();
  await post('code request', portalCodePath(token), {});
  const code = await world.codeFor(email, since);
  const checked = await post('code check', portalCodeCheckPath(token), { code });
  const cookie = checked.response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  await get('signing subject', portalSigningPath, { cookie });
  await get('document PDF', portalDocumentPath, { cookie });
  await post('sign', portalSignPath, { method: 'drawn', image: signature, consent: true, values: {} }, { cookie });
}
