import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import type { PairResponse } from '../../src-shared/company-server/api';
import type { PublishRequest, PublishResponse, UploadState } from '../../src-shared/company-server/publish';
import { freePort, type ReceivedMail, type SmtpSink } from '../../src-main/test-support/smtp-sink';
import { CompanyServer } from './company-server';

/**
 * A company server for the portal's e2e specs, as an administrator runs it: its own SMTP (a loopback sink) in
 * server.json, a public URL on a fixed loopback port (the links it sends name it), and a desktop paired over the API
 * (`signet-server pair`, then POST /pair) that publishes documents as the desktop's publisher does. The link tokens and
 * identity codes come out of the e-mails the server sends, as a signer gets them. Types only from src-shared: the
 * schemas' modules load in an order Playwright's loader does not follow (a cycle through the field modules).
 */
export class PortalWorld {
  readonly server = new CompanyServer();
  private token = '';
  url = '';

  constructor(private readonly sink: SmtpSink) {}

  /**
   * `seal`: the server's seal (a PKCS#12 and its password), so it seals once everyone has signed; `more`: server.json
   * beside the SMTP (an SMS provider) and variables (its secret).
   */
  async start(seal?: { p12File: string; password: string }, more: { config?: Record<string, unknown>; env?: Record<string, string> } = {}): Promise<void> {
    const port = await freePort();
    const smtp = { host: '127.0.0.1', port: this.sink.port, security: 'none', fromAddress: 'portal@zaklady.pl', fromName: 'Zakłady Łódzkie' };
    this.server.configure({ smtp, ...more.config });
    // The later --port wins over the helper's own (node:util parseArgs keeps the last value).
    const args = ['--port', String(port), '--public-url', `http://127.0.0.1:${port}`, ...(seal ? ['--seal-p12', seal.p12File] : [])];
    this.url = await this.server.start(20_000, args, { ...(seal ? { SIGNET_SEAL_P12_PASSWORD: seal.password } : {}), ...more.env });
    const paired = await fetch(`${this.url}/api/v1/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: this.server.pair(), deviceName: 'Sekretariat' }) });
    this.token = ((await paired.json()) as PairResponse).token;
  }

  async dispose(): Promise<void> {
    await this.server.dispose();
  }

  /** A request with the paired desktop's token. */
  device(pathname: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${pathname}`, { ...init, headers: { authorization: `Bearer ${this.token}`, ...(init.headers as Record<string, string> | undefined) } });
  }

  /** The file uploaded (or found already uploaded by this desktop), then the document published. */
  async publish(file: string, request: Omit<PublishRequest, 'fileSha256' | 'documentId'>): Promise<PublishResponse> {
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const started = (await (await this.device('/api/v1/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha256, size: bytes.length }) })).json()) as UploadState;
    if (!started.complete) {
      const sent = await this.device(`/api/v1/uploads/${started.uploadId}`, { method: 'PATCH', headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' }, body: bytes });
      expect(sent.status, await sent.clone().text()).toBe(200);
    }
    const response = await this.device('/api/v1/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...request, documentId: randomUUID(), fileSha256: sha256 }) });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as PublishResponse;
  }

  /** The desktop withdraws the document: its links are revoked at once. */
  async cancel(published: PublishResponse): Promise<void> {
    const response = await this.device(`/api/v1/documents/${published.documentId}/cancel`, { method: 'POST' });
    expect(response.status, await response.clone().text()).toBe(200);
  }

  /** The link's token, from the signing-link e-mail the server's outbox sent to `to`. */
  async linkTokenFor(to: string): Promise<string> {
    const mail = await this.mailTo(to, (m) => /\/s\/[A-Za-z0-9_-]{20,}/.test(m.text));
    return /\/s\/([A-Za-z0-9_-]{20,128})/.exec(mail.text)![1]!;
  }

  /** The identity code in the newest code e-mail to `to` after the first `after` of them. */
  async codeFor(to: string, after: number): Promise<string> {
    const mail = await this.mailTo(to, (m) => !/\/s\//.test(m.text) && /\b\d{6}\b/.test(m.text), after);
    return /\b(\d{6})\b/.exec(mail.text)![1]!;
  }

  /** How many identity code e-mails `to` has had so far. */
  codesSentTo(to: string): number {
    return this.sink.received.filter((m) => m.to === to && !/\/s\//.test(m.text) && /\b\d{6}\b/.test(m.text)).length;
  }

  private async mailTo(to: string, wanted: (m: ReceivedMail) => boolean, after = 0): Promise<ReceivedMail> {
    let found: ReceivedMail | undefined;
    await expect
      .poll(() => {
        found = this.sink.received.filter((m) => m.to === to && wanted(m))[after];
        return found !== undefined;
      }, { message: `an e-mail to ${to}`, timeout: 20_000 })
      .toBe(true);
    return found!;
  }
}
