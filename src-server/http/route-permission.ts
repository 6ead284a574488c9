import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PermissionAction } from '../../src-shared/permissions/actions';
import { can, type Owned } from '../../src-shared/permissions/policy';
import { permissionsOf } from '../permissions/server-policy';
import type { ServerDatabase } from '../store/schema';
import { ApiError } from './api-error';
import { accountOf } from './authenticate';

type Db = Kysely<ServerDatabase>;

/** The document a request is about: the desktop's document id, or its owner and department; null when it names none. */
export type RouteDocument = string | Owned | null;

export interface RoutePermission {
  action: PermissionAction;
  /** A document action's document (see route-documents.ts); a route without it asks whether the action is granted at all. */
  document?: (request: FastifyRequest, db: Db) => RouteDocument | Promise<RouteDocument>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the account behind the device must be allowed (issue 8); refused 403 FORBIDDEN otherwise. */
    permission?: RoutePermission;
  }
}

/** Whose a desktop document is, as its synced record says; null when no desktop pushed its owner. */
export async function syncedOwnerOf(db: Db, documentId: string, departmentOf: (userId: string) => string | null): Promise<Owned | null> {
  const rows = await db
    .selectFrom('sync_entries')
    .select(['key', 'value'])
    .where('kind', '=', 'field')
    .where('entity', '=', 'document')
    .where('entity_id', '=', documentId)
    .where('key', 'in', ['owner_id', 'department'])
    .execute();
  const fields = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const ownerId = fields.get('owner_id');
  if (typeof ownerId !== 'string') return null;
  const department = fields.get('department');
  // A document without a department is its owner's department's, as the desktop reads it.
  return { ownerId, department: typeof department === 'string' ? department : departmentOf(ownerId) };
}

/**
 * The one authorization step of the API, after authentication, the way `config.admin` is one check: a route says
 * which action it is and the step decides, so no handler carries its own copy of the rule. It runs as a preHandler,
 * not onRequest, because a publish names its document in the body.
 */
export function registerRoutePermission(api: FastifyInstance, db: Db): void {
  api.addHook('preHandler', async (request) => {
    const permission = request.routeOptions.config.permission;
    if (!permission) return;
    const account = accountOf(request);
    const { policy, subject, departmentOf } = await permissionsOf(db, account);
    const target = permission.document ? await permission.document(request, db) : null;
    const owned = typeof target === 'string' ? await syncedOwnerOf(db, target, departmentOf) : target;
    /*
     * A document the server has no synced owner for (sync not used, or the desktop publishing it before its next push)
     * is decided by the action at any level, as `can` does without a document: the desktop's own service already
     * checked it against the document, and the server cannot know better. Refusing instead would stop every desktop
     * that does not sync from publishing at all; someone without the action at any level is still refused.
     */
    if (can(policy, subject, permission.action, owned ? { owned } : {})) return;
    request.log.warn({ accountId: account.id, action: permission.action, route: request.routeOptions.url }, 'refused by access permissions');
    // The desktop shows the server's words for it: which permission, and whom to ask (not "only an administrator").
    throw new ApiError('FORBIDDEN', { messageKey: 'permissions.forbidden', values: { action: permission.action } });
  });
}
