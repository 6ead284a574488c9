import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../app/log';
import { SmtpSink } from '../../test-support/smtp-sink';
import { startTestApp, type TestApp } from '../../test-support/temp-services';
import { deliveryChannels } from '../channels';
import { enqueue } from '../outbox/enqueue';
import { createOutboxWorker } from '../outbox/worker';
import { messageIdFor } from './mime';
import { signedCopyEmail } from './signed-copy';
import { otpMail, signingLinkMail, testMail } from './templates/messages';

describe('mail templates', () => {
  it('write Polish and English, text and HTML, with every value escaped in the HTML only', () => {
    const vars = { company: 'Kowalski & Syn <sp. j.>', signerName: 'Zażółć "Gęślą" Jaźń', title: 'Umowa <b>najmu</b>', number: 'UM/2026/05/0042', link: 'https://podpis.example.pl/s/abc?x=1&y=2', expires: '30 maja 2026' };
    const pl = signingLinkMail('pl', vars);
    expect(pl.subject).toBe('Kowalski & Syn <sp. j.> prosi o podpisanie „Umowa <b>najmu</b>”');
    expect(pl.text).toContain('Dzień dobry, Zażółć "Gęślą" Jaźń,');
    expect(pl.text).toContain('Przejrzyj i podpisz: https://podpis.example.pl/s/abc?x=1&y=2');
    expect(pl.text).toContain('Link jest ważny do 30 maja 2026.');
    expect(pl.html).toContain('Dzień dobry, Zażółć &quot;Gęślą&quot; Jaźń,');
    expect(pl.html).toContain('Kowalski &amp; Syn &lt;sp. j.&gt; przesyła dokument „Umowa &lt;b&gt;najmu&lt;/b&gt;” (UM/2026/05/0042)');
    expect(pl.html).toContain('href="https://podpis.example.pl/s/abc?x=1&amp;y=2"');
    expect(pl.html).not.toMatch(/<b>|<sp\. j\.>/);
    expect(pl.html).toMatch(/^<!doctype html><html lang="pl">/);

    const en = signingLinkMail('en', { ...vars, expires: undefined } as never);
    expect(en.subject).toBe('Kowalski & Syn <sp. j.> asks you to sign “Umowa <b>najmu</b>”');
    expect(en.text).not.toContain('valid until');
    expect(otpMail('en', { company: 'ACME', title: 'NDA', code: '482913', minutes: 10 }).text).toContain('482913\n\nIt is valid for 10 minutes.');
    expect(otpMail('pl', { company: 'ACME', title: 'NDA', code: '482913', minutes: 10 }).html).toContain('>482913</p>');
    expect(testMail('en', { company: 'ACME' }).text).toBe('This is a test message from Signet. If you can read it, e-mail from ACME is set up correctly.\n\n--\n\nSent by ACME with Signet.\n');
  });

  it('turn an idempotency key into a Message-ID that stays valid whatever the key holds', () => {
    expect(messageIdFor('3f0c-11aa')).toBe('<3f0c-11aa@signet.local>');
    expect(messageIdFor('doc:1/signer 2')).toMatch(/^<[0-9a-f]{40}@signet\.local>$/);
    expect(messageIdFor('doc:1/signer 2')).toBe(messageIdFor('doc:1/signer 2'));
  });
});

describe('the signed copy', () => {
  let app: TestApp;
  let server: SmtpSink;
  beforeEach(async () => {
    app = await startTestApp({ outbox: { autoStart: false } });
    await app.ok('setup.complete', { company: { name: 'ACME' }, userName: 'Zenon Adamski' });
    server = await new SmtpSink().start();
  });
  afterEach(async () => {
    await app.close();
    await server.stop();
  });

  it('goes attached up to the limit set in Settings and as a link above it', async () => {
    await app.ok('mail.settings.save', { host: '127.0.0.1', port: server.port, security: 'none', fromAddress: 'biuro@acme.pl', attachLimitMb: 1 });
    const owner = (await app.ok('app.info', {})).user.id;
    const small = randomBytes(300_000);
    const large = randomBytes(1_600_000);
    for (const [i, bytes] of [small, large].entries()) {
      const stored = await app.context.files.put(bytes);
      await app.store.db.insertInto('files').values({ sha256: stored.sha256, size: bytes.length, media_type: 'application/pdf', created_at: '2026-05-04', page_count: 1, page_sizes: null }).execute();
      await app.store.db.insertInto('documents').values({ id: `00000000-0000-4000-8000-00000000000${i}`, title: `Umowa ${i}`, number: `N${i}`, original_sha256: stored.sha256, original_name: 'a.pdf', owner_id: owner, created_at: '2026-05-04', updated_at: '2026-05-04', stage_id: null, amount_minor: null, currency: null, due_date: null, department: null, sealed_sha256: stored.sha256 }).execute();
      const mail = await signedCopyEmail(app.context, {
        language: 'pl', to: 'anna@example.pl', documentId: `00000000-0000-4000-8000-00000000000${i}`, company: 'ACME', title: `Umowa ${i}`, number: `N${i}`,
        file: { sha256: stored.sha256, size: bytes.length, filename: `umowa-${i}-podpisana.pdf` }, downloadUrl: `https://podpis.example.pl/d/${i}`, idempotencyKey: `copy-${i}`,
      });
      await enqueue(app.context, mail);
    }
    await createOutboxWorker({ ...app.context, log: silentLog }, { channels: deliveryChannels(app.context) }).runDue();

    const [attached, linked] = ['<copy-0@signet.local>', '<copy-1@signet.local>'].map((id) => server.received.find((m) => m.messageId === id)!);
    expect(attached!.subject).toBe('Podpisano: „Umowa 0”');
    expect(attached!.attachments).toHaveLength(1);
    expect(attached!.attachments[0]).toMatchObject({ filename: 'umowa-0-podpisana.pdf', contentType: 'application/pdf' });
    expect(attached!.attachments[0]!.content.equals(small)).toBe(true);
    expect(attached!.text).toContain('W załączniku podpisany PDF');
    expect(linked!.attachments).toEqual([]);
    expect(linked!.text).toContain('Podpisany PDF (1,5 MB) jest za duży na załącznik');
    expect(linked!.text).toContain('Pobierz podpisany PDF: https://podpis.example.pl/d/1');
    const rows = await app.store.db.selectFrom('outbox').select(['document_id', 'purpose', 'status']).orderBy('document_id').execute();
    expect(rows).toEqual([
      { document_id: '00000000-0000-4000-8000-000000000000', purpose: 'signedCopy', status: 'sent' },
      { document_id: '00000000-0000-4000-8000-000000000001', purpose: 'signedCopy', status: 'sent' },
    ]);
  });
});
