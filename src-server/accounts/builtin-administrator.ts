import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../store/schema';

/** The server setting naming the account migration 010 made for the devices paired before accounts existed. */
export const builtinAdministratorKey = 'accounts.builtinAdministrator';

/** The built-in Administrator's id: the owner of every device `signet-server pair` pairs. */
export async function builtinAdministratorId(db: Kysely<ServerDatabase>): Promise<string> {
  const row = await db.selectFrom('server_settings').select('value').where('key', '=', builtinAdministratorKey).executeTakeFirstOrThrow();
  return row.value;
}
