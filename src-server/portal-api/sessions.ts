import { randomBytes } from 'node:crypto';
import { portalSessionMs } from '../../src-shared/portal/signing-link';
import { sha256Hex } from '../pairing/secrets';
import type { PortalContext } from './portal-context';

/** 256 random bits (the issue asks for at least 128), base64url, the cookie's value; the store has only its SHA-256. */
const sessionTokenBytes = 32;

/** Opens a signing session for a link whose code was just passed; the token is returned once, for the cookie. */
export async function openSession(ctx: Pick<PortalContext, 'db' | 'now'>, linkId: string): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(sessionTokenBytes).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + portalSessionMs).toISOString();
  await ctx.db.insertInto('portal_sessions').values({ token_hash: sha256Hex(token), link_id: linkId, created_at: now.toISOString(), expires_at: expiresAt }).execute();
  return { token, expiresAt };
}

/** The link a session cookie is bound to, while the session lasts; anything else (none, unknown, lapsed) is no session. */
export async function sessionLinkId(ctx: Pick<PortalContext, 'db' | 'now'>, token: string | undefined): Promise<string | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await ctx.db.selectFrom('portal_sessions').select(['link_id', 'expires_at']).where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  return row && ctx.now().toISOString() < row.expires_at ? row.link_id : null;
}
