import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../store/schema';
import type { RoutePermission } from './route-permission';

/*
 * How a route names the desktop document it acts on, for its `permission` (route-permission.ts). These read the
 * request before the route's own validation: anything but a text is "no document", and the route then refuses the
 * request as malformed itself.
 */

type Locate = NonNullable<RoutePermission['document']>;

const textIn = (source: unknown, name: string): string | null => {
  const value = source && typeof source === 'object' ? (source as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : null;
};

/** The desktop's document id in the JSON body (a publish). */
export const documentInBody =
  (name: string): Locate =>
  (request: FastifyRequest) =>
    textIn(request.body, name);

/** The desktop's document id in the path (a cancel). */
export const documentInParams =
  (name: string): Locate =>
  (request: FastifyRequest) =>
    textIn(request.params, name);

/**
 * A published document's id in the path, read as the desktop document it was published from. Looked up by that id
 * alone, not only among the asking device's documents: the right is about the document whoever published it, and the
 * route itself still finds only its device's own.
 */
export const publishedInParams =
  (name: string): Locate =>
  async (request: FastifyRequest, db: Kysely<ServerDatabase>) => {
    const id = textIn(request.params, name);
    if (id === null) return null;
    const row = await db.selectFrom('published_documents').select('desktop_document_id').where('id', '=', id).executeTakeFirst();
    return row?.desktop_document_id ?? null;
  };
