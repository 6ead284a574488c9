import { apiPrefix, apiErrorSchema } from '../../../src-shared/company-server/api';
import { uploadChunkBytes, uploadChunkContentType, uploadStateSchema, type UploadState } from '../../../src-shared/company-server/publish';
import { AppError } from '../../../src-shared/contract/errors';
import { refusalError, type CompanyServerClient } from './client';
import { networkReason, notSignet, serverRequestTimeoutMs } from './server-request';

/** Chunks refused in a row (409, the offset moved under us) before an attempt gives up. */
export const maxRefusedChunks = 5;

export interface UploadOptions {
  client: CompanyServerClient;
  /** The device's API token (the client adds it to its JSON calls; the chunks are sent here). */
  token: string;
  bytes: Uint8Array;
  sha256: string;
  /** The upload a previous attempt started, to ask HEAD about. */
  uploadId: string | null;
  /** Called as soon as the server names the upload, so a restart resumes it. */
  remember(uploadId: string): Promise<void>;
  chunkBytes?: number;
}

/**
 * Sends a file to the company server in chunks, resumably: an upload this job started before (a dropped connection, a
 * restart) is asked where it stands (HEAD) and continued from there; a chunk refused as being at the wrong offset
 * (409) continues from the offset the server names. A network failure is thrown, for the job to retry later.
 */
export async function uploadFile(options: UploadOptions): Promise<void> {
  const { client, bytes } = options;
  const chunk = options.chunkBytes ?? uploadChunkBytes;
  let state = options.uploadId ? await headUpload(client, options.token, options.uploadId, bytes.length) : null;
  if (!state) {
    state = await client.call('POST', `${apiPrefix}/uploads`, uploadStateSchema, { sha256: options.sha256, size: bytes.length });
    await options.remember(state.uploadId);
  }
  let refused = 0;
  while (!state.complete) {
    const answer = await raw(client.link.url, `${apiPrefix}/uploads/${state.uploadId}`, {
      method: 'PATCH',
      token: options.token,
      headers: { 'content-type': uploadChunkContentType, 'upload-offset': String(state.offset) },
      body: bytes.subarray(state.offset, Math.min(bytes.length, state.offset + chunk)),
    });
    if (answer.status === 409) {
      const offset: number = Number(answer.headers.get('upload-offset') ?? state.offset);
      if (!Number.isInteger(offset) || offset < 0 || offset > bytes.length) throw notSignet(client.link.url, answer.status);
      // At the size: the whole file is there (an answer lost on the way, a chunk another attempt sent); the publish follows.
      state = { ...state, offset, complete: offset === bytes.length };
      // A server that keeps refusing chunks does not make this attempt loop for ever: it fails, the job's backoff waits.
      if (!state.complete && ++refused >= maxRefusedChunks) throw new AppError('TRANSPORT', 'companyServer.errors.uploadStuck', { url: client.link.url, offset, times: refused });
      continue;
    }
    refused = 0;
    state = parseAnswer(client.link.url, answer);
  }
}

/** Where an earlier upload stands; null when the server no longer has it (discarded), so a new one starts. */
async function headUpload(client: CompanyServerClient, token: string, uploadId: string, size: number): Promise<UploadState | null> {
  const answer = await raw(client.link.url, `${apiPrefix}/uploads/${uploadId}`, { method: 'HEAD', token });
  if (answer.status === 404) return null;
  if (answer.status !== 200) throw notSignet(client.link.url, answer.status);
  const offset = Number(answer.headers.get('upload-offset'));
  if (!Number.isInteger(offset) || offset < 0 || offset > size) throw notSignet(client.link.url, answer.status);
  return { uploadId, offset, size, complete: offset === size };
}

interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

async function raw(base: string, path: string, request: { method: 'HEAD' | 'PATCH'; token: string; headers?: Record<string, string>; body?: Uint8Array }): Promise<RawAnswer> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method: request.method,
      headers: { accept: 'application/json', authorization: `Bearer ${request.token}`, ...request.headers },
      ...(request.body ? { body: request.body } : {}),
      redirect: 'error',
      signal: AbortSignal.timeout(serverRequestTimeoutMs),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw new AppError('TRANSPORT', 'companyServer.errors.timeout', { url: base, seconds: Math.round(serverRequestTimeoutMs / 1000) });
    throw new AppError('TRANSPORT', 'companyServer.errors.unreachable', { url: base, reason: networkReason(error) });
  }
  return { status: response.status, headers: response.headers, text: await response.text().catch(() => '') };
}

/** A chunk's answer: the upload's new state, or the server's refusal as the client turns it into an AppError. */
function parseAnswer(base: string, answer: RawAnswer): UploadState {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw notSignet(base, answer.status);
  }
  if (answer.status === 200) {
    const state = uploadStateSchema.safeParse(body);
    if (state.success) return state.data;
    throw notSignet(base, answer.status);
  }
  const refusal = apiErrorSchema.safeParse(body);
  if (!refusal.success) throw notSignet(base, answer.status);
  throw refusalError(base, { ok: false, status: answer.status, error: refusal.data.error });
}
