import { AppError } from '../../src-shared/contract/errors';
import { missingFilesAnswer, pullAnswer, pushAnswer, syncFileContentType, syncPaths, type PullAnswer, type PushAnswer, type PushRequest } from '../../src-shared/sync/protocol';
import { apiPrefix } from '../../src-shared/company-server/api';
import { answerOf, networkReason, requestServer, serverRequestTimeoutMs, type ServerAnswer } from '../services/company-server/server-request';

/** The company server as the sync worker sees it: its address and this device's token. */
export interface SyncTarget {
  url: string;
  token: string;
}

/** A refusal from the server (a revoked device, a disabled account): sync stops until someone acts. */
export class SyncRefused extends Error {
  constructor(readonly code: string, readonly messageKey: string, readonly status: number) {
    super(`${code} (${status})`);
  }
}

function checked(answer: ServerAnswer): { status: number; body: unknown } {
  if (!answer.ok) throw new SyncRefused(answer.error.code, answer.error.messageKey, answer.status);
  return answer;
}

export async function push(target: SyncTarget, batch: PushRequest): Promise<PushAnswer> {
  const answer = checked(await requestServer(target.url, `${apiPrefix}${syncPaths.push}`, { method: 'POST', body: batch, token: target.token, timeoutMs: 60_000 }));
  return answerOf(target.url, answer, pushAnswer);
}

export async function pull(target: SyncTarget, after: number): Promise<PullAnswer> {
  const answer = checked(await requestServer(target.url, `${apiPrefix}${syncPaths.pull}?after=${after}`, { method: 'GET', token: target.token, timeoutMs: 60_000 }));
  return answerOf(target.url, answer, pullAnswer);
}

export async function missingFiles(target: SyncTarget, sha256: readonly string[]): Promise<string[]> {
  const answer = checked(await requestServer(target.url, `${apiPrefix}${syncPaths.missingFiles}`, { method: 'POST', body: { sha256 }, token: target.token }));
  return answerOf(target.url, answer, missingFilesAnswer).missing;
}

/** One file's bytes up (PUT) or down (GET); binary, so not through requestServer's JSON. */
async function fileRequest(target: SyncTarget, sha256: string, method: 'PUT' | 'GET', body?: Uint8Array): Promise<Response> {
  try {
    return await fetch(`${target.url}${apiPrefix}${syncPaths.file(sha256)}`, {
      method,
      headers: { authorization: `Bearer ${target.token}`, ...(body ? { 'content-type': syncFileContentType } : {}) },
      ...(body ? { body } : {}),
      redirect: 'error',
      signal: AbortSignal.timeout(serverRequestTimeoutMs * 30),
    });
  } catch (error) {
    throw new AppError('TRANSPORT', 'companyServer.errors.unreachable', { url: target.url, reason: networkReason(error) });
  }
}

async function refusal(response: Response): Promise<SyncRefused> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; messageKey?: string } } | null;
  return new SyncRefused(body?.error?.code ?? 'HTTP_' + response.status, body?.error?.messageKey ?? 'companyServer.api.internal', response.status);
}

export async function uploadFile(target: SyncTarget, sha256: string, bytes: Uint8Array): Promise<void> {
  const response = await fileRequest(target, sha256, 'PUT', bytes);
  if (response.status !== 204) throw await refusal(response);
}

/** A file's bytes, or null when the server does not have it (the laptop that made it has not pushed it yet). */
export async function downloadFile(target: SyncTarget, sha256: string): Promise<Uint8Array | null> {
  const response = await fileRequest(target, sha256, 'GET');
  if (response.status === 404) return null;
  if (!response.ok) throw await refusal(response);
  return new Uint8Array(await response.arrayBuffer());
}
