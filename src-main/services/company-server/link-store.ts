import { z } from 'zod';
import type { CompanyServerState } from '../../../src-shared/company-server/link';
import { sameServerUrl } from '../../../src-shared/company-server/server-url';
import type { ServiceContext } from '../context';
import { parseKeyRef, secretStoreAt } from '../identity/key-location';

const settingsKey = 'companyServer.link';

/** The settings row: where the server is and who this computer is there; the token only as its keychain reference. */
const storedLinkSchema = z.object({
  url: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  serverId: z.string(),
  serverName: z.string().optional(),
  pairedAt: z.string(),
  /** `keychain:<install id>/company-server-token` (see key-location.ts). */
  tokenRef: z.string(),
});
export type StoredLink = z.output<typeof storedLinkSchema>;

export async function readLink(ctx: Pick<ServiceContext, 'db'>): Promise<StoredLink | null> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', settingsKey).executeTakeFirst();
  if (!row) return null;
  const parsed = storedLinkSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

/**
 * The link to work with: none while the machine's managed policy names another company server (issue 10) — nothing is
 * published, followed or synced there any more; only unlinking still reaches it, and Settings says why.
 */
export async function readUsableLink(ctx: Pick<ServiceContext, 'db' | 'policy'>): Promise<StoredLink | null> {
  const link = await readLink(ctx);
  return link && linkAllowed(ctx, link.url) ? link : null;
}

export function linkAllowed(ctx: Pick<ServiceContext, 'policy'>, url: string): boolean {
  const managed = ctx.policy?.policy.companyServerUrl;
  return !managed || sameServerUrl(managed, url);
}

export async function writeLink(ctx: Pick<ServiceContext, 'db'>, link: StoredLink): Promise<void> {
  const value = JSON.stringify(link);
  await ctx.db
    .insertInto('settings')
    .values({ key: settingsKey, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function deleteLink(ctx: Pick<ServiceContext, 'db'>): Promise<void> {
  await ctx.db.deleteFrom('settings').where('key', '=', settingsKey).execute();
}

/** The API token from wherever it was put; null when the keychain no longer has it. Throws the keychain's own error. */
export async function readToken(ctx: ServiceContext, link: StoredLink): Promise<string | null> {
  const { location, account } = parseKeyRef(link.tokenRef);
  return secretStoreAt(ctx, location).get(account);
}

export function stateOf(link: StoredLink | null, suggestedDeviceName: string): CompanyServerState {
  if (!link) return { linked: false, suggestedDeviceName };
  const { tokenRef: _tokenRef, ...shown } = link;
  return { linked: true, ...shown };
}
