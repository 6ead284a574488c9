import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { ServiceContext } from '../context';
import { lockedError } from '../../policy/enforce';
import { linkAllowed, readLink, readToken, type StoredLink } from './link-store';
import { answerOf, requestServer, type ServerAnswer } from './server-request';

/**
 * The desktop's way to the company server once it is paired: every call (publishing a document, following its events,
 * later) goes through here, which adds the device's API token from the keychain and turns the server's refusals into
 * AppErrors. A token the server no longer accepts (revoked with `signet-server pair --revoke`) is UNAUTHORIZED: the
 * administrator pairs again.
 */
export interface CompanyServerClient {
  readonly link: StoredLink;
  /** A call whose answer is JSON, read with its shared schema. */
  call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>>;
  /** A call answered with no body (204). */
  send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<void>;
}

/** `unlinking`: the one call still made to a server the managed policy no longer allows (readUsableLink). */
export async function companyServerClient(ctx: ServiceContext, options: { unlinking?: boolean } = {}): Promise<CompanyServerClient> {
  const link = await readLink(ctx);
  if (!link) throw new AppError('NOT_FOUND', 'companyServer.errors.notLinked');
  if (!options.unlinking && !linkAllowed(ctx, link.url)) throw lockedError('companyServer');
  const token = await readToken(ctx, link);
  if (!token) throw new AppError('UNAUTHORIZED', 'companyServer.errors.tokenMissing');
  return clientFor(link, token);
}

/** The client for a link and its token, once read from the store and the keychain. */
export function clientFor(link: StoredLink, token: string): CompanyServerClient {
  const request = async (method: 'GET' | 'POST', path: string, body: unknown) => {
    const answer = await requestServer(link.url, path, { method, token, ...(body === undefined ? {} : { body }) });
    if (answer.ok) return answer;
    throw refusalError(link.url, answer);
  };
  return {
    link,
    call: async (method, path, schema, body) => answerOf(link.url, await request(method, path, body), schema),
    send: async (method, path, body) => {
      await request(method, path, body);
    },
  };
}

/** A refusal of the API as an AppError: a token it no longer accepts is UNAUTHORIZED (pair again), the rest TRANSPORT. */
export function refusalError(url: string, answer: Extract<ServerAnswer, { ok: false }>): AppError {
  if (answer.error.code === 'UNAUTHENTICATED' || answer.error.code === 'DEVICE_REVOKED') return new AppError('UNAUTHORIZED', 'companyServer.errors.tokenRefused', { url });
  // `message` is the server's English words, kept as a detail; `serverKey` and its values are what a reader is shown.
  const values = answer.error.values ? { serverValues: JSON.stringify(answer.error.values) } : {};
  return new AppError('TRANSPORT', 'companyServer.errors.refused', { url, status: answer.status, code: answer.error.code, message: answer.error.message, serverKey: answer.error.messageKey, ...values });
}
