import { createHash } from 'node:crypto';
import { publishResponseSchema, uploadChunkContentType, uploadStateSchema, type PublishRequest, type PublishResponse } from '../../src-shared/company-server/publish';
import type { PairedDevice } from './paired-device';

/** A file uploaded whole in one chunk, as the desktop's publisher does for a small one (once per device); its SHA-256. */
export async function uploadWhole(device: PairedDevice, bytes: Uint8Array): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const started = uploadStateSchema.parse(await (await device.fetch('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256, size: bytes.length }) })).json());
  // The device's server has it whole already (an earlier document with the same file): nothing to send.
  if (started.complete) return sha256;
  const done = await device.fetch(`/api/v1/uploads/${started.uploadId}`, { method: 'PATCH', headers: { 'content-type': uploadChunkContentType, 'upload-offset': '0' }, body: bytes });
  if (done.status !== 200) throw new Error(`upload failed: HTTP ${done.status}`);
  return sha256;
}

/** POST /documents with the device's token, its answer read. */
export async function publishAs(device: PairedDevice, request: PublishRequest): Promise<PublishResponse> {
  const response = await device.fetch('/api/v1/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  if (response.status !== 200) throw new Error(`publish failed: HTTP ${response.status} ${await response.text()}`);
  return publishResponseSchema.parse(await response.json());
}

/** A one-counterparty NDA (the desktop's signer '31', by e-mail, parallel, 14 days), uploaded and published; its answer. */
export async function publishNda(device: PairedDevice, pdf: Uint8Array, documentId: string): Promise<PublishResponse> {
  return publishAs(device, {
    documentId,
    title: 'Umowa o zachowaniu poufności',
    number: 'NDA/2026/05/0001',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    fileSha256: await uploadWhole(device, pdf),
    layout: { fields: [] },
    signers: [{ id: '31', ref: 'counterparty-1', side: 'counterparty', name: 'Jan Kowalski', email: 'jan@example.pl', channel: 'email', language: 'pl' }],
    order: 'parallel',
    expiresAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  });
}
