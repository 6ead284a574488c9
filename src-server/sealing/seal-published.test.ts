import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Evidence } from '../../src-shared/pdf/certificate';
import type { Log } from '../../src-main/app/log';
import { firstBrokenLink } from '../../src-main/evidence/chain';
import { verifyPdf } from '../../src-main/pdf/verify';
import { nssTrusting, pdfsig, writeTemp } from '../../src-main/test-support/pdf-tools';
import { readFeed } from '../feed/feed';
import { serverFilesDir } from '../publishing/server-files';
import { anna, emma, jan, noteText, presetText, signedWorld, type SignedWorld } from '../test-support/signed-world';
import { startSealQueue } from './seal-queue';
import { sealPublished } from './seal-published';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const pdfText = (bytes: Uint8Array) => execFileSync('pdftotext', ['-enc', 'UTF-8', writeTemp(bytes), '-'], { encoding: 'utf8' });

function evidenceOf(bytes: Uint8Array): Evidence {
  const file = writeTemp(bytes, 'sealed.pdf');
  execFileSync('pdfdetach', ['-saveall', '-o', path.dirname(file), file]);
  return JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'signet-evidence.json'), 'utf8')) as Evidence;
}

async function allSigned(w: SignedWorld): Promise<void> {
  // Each link opened 2 minutes and its code passed 1 minute before the signature (see signedWorld's sign).
  await w.sign(anna);
  w.clock.advance(5 * 60_000);
  await w.sign(jan, { ip: '192.0.2.10' });
  w.clock.advance(5 * 60_000);
  await w.sign(emma, { ip: '198.51.100.7' });
}

const documentRow = (w: SignedWorld) => w.server.store.db.selectFrom('published_documents').selectAll().where('id', '=', w.publishedId).executeTakeFirstOrThrow();
const signedCopies = (w: SignedWorld) => w.server.store.db.selectFrom('outbox').selectAll().where('purpose', '=', 'signedCopy').orderBy('recipient').execute();

/** A log that keeps what it was told, to count the errors. */
function keptLog(): Log & { errors: { msg: string; fields?: Record<string, unknown> }[] } {
  const errors: { msg: string; fields?: Record<string, unknown> }[] = [];
  return { info: () => {}, warn: () => {}, error: (msg, _error, fields) => void errors.push({ msg, ...(fields ? { fields } : {}) }), errors };
}

describe('sealPublished', () => {
  it('composes and seals a fully signed document: it verifies against the company CA, pdfsig agrees, every signer and value is on it', async () => {
    const w = await signedWorld(cleanup);
    await allSigned(w);
    const outcome = await sealPublished(w.sealContext(), w.publishedId);
    expect(outcome).toMatchObject({ state: 'sealed' });
    if (outcome.state !== 'sealed') return;

    const doc = await documentRow(w);
    expect(doc).toMatchObject({ state: 'completed', sealed_sha256: outcome.sha256, sealed_at: w.clock.now().toISOString(), sealed_removed_at: null });
    const sealed = await w.sealContext().files.files.read(outcome.sha256);
    expect(sealed.length).toBe(outcome.size);
    // The original stays a byte-for-byte prefix: its SHA-256 can be checked from the sealed file itself.
    const original = await w.sealContext().files.files.read(w.fileSha256);
    expect(Buffer.from(sealed.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);

    const report = await verifyPdf(sealed, { company: [new X509Certificate(w.pki.caPem)], imported: [] });
    expect(report.verdict).toBe('valid');
    expect(report.signatures.at(-1)).toMatchObject({ intact: true, trust: 'companyCa', coversWholeFile: true, signerName: 'Zakłady Łódzkie — server seal' });
    const file = writeTemp(sealed, 'sealed.pdf');
    expect(pdfsig(file)).toContain('Signature is Valid');
    expect(pdfsig(file, nssTrusting(w.pki.caPem))).toContain('Certificate is Trusted');

    // The certificate in the company's language (its signer's, Polish), every signer, the values, the evidence's IPs.
    const text = pdfText(sealed);
    for (const s of ['Certyfikat autentyczności', anna.name, jan.name, emma.name, noteText, presetText, 'IP 192.0.2.10', 'IP 198.51.100.7', 'j••@example.pl', '+48 ••• ••• 567']) expect(text).toContain(s);
    expect(text).not.toContain('jan@example.pl');

    // The history the server saw, hash-chained: published, each link opened and its code passed, each signature.
    const evidence = evidenceOf(sealed);
    expect(firstBrokenLink(evidence.events)).toBe(-1);
    expect(evidence.events.map((e) => `${e.type}:${e.actor}`)).toEqual([
      'sent:Anna Żółkiewska',
      `signed:${anna.name}`,
      `viewed:${jan.name}`,
      `identityChecked:${jan.name}`,
      `signed:${jan.name}`,
      `viewed:${emma.name}`,
      `identityChecked:${emma.name}`,
      `signed:${emma.name}`,
    ]);
    expect(evidence.events.find((e) => e.type === 'signed' && e.actor === jan.name)!.details).toEqual({ signer: jan.id, method: 'drawn', identity: 'emailCode', ip: '192.0.2.10' });
    expect(evidence.signers.map((s) => [s.name, s.side, s.identityCheck, s.ip ?? null])).toEqual([
      [anna.name, 'company', 'appLogin', null],
      [jan.name, 'counterparty', 'emailCode', '192.0.2.10'],
      [emma.name, 'counterparty', 'smsCode', '198.51.100.7'],
    ]);
    expect(evidence.fields!.map((f) => f.id).sort()).toEqual(['note', 'order', 'sigAnna', 'sigEmma', 'sigJan']);

    // The publishing desktop's feed says sealed, with what it checks its download against.
    const feed = await readFeed(w.server.store.db, w.device.deviceId, 0);
    expect(feed.filter((e) => e.type === 'sealed')).toEqual([expect.objectContaining({ documentId: '5d0c3c8e-1f53-4a55-9b43-0f2b8e1c7a10', publishedId: w.publishedId, signerId: null, details: { sha256: outcome.sha256, size: outcome.size } })]);
  });

  it('queues the signed copy once per party with the PDF attached, sealed twice or not; the mail arrives with it', async () => {
    const w = await signedWorld(cleanup);
    await allSigned(w);
    const first = await sealPublished(w.sealContext(), w.publishedId);
    if (first.state !== 'sealed') throw new Error(`not sealed: ${first.state}`);
    expect(await sealPublished(w.sealContext(), w.publishedId)).toEqual({ state: 'alreadySealed', sha256: first.sha256 });

    const copies = await signedCopies(w);
    expect(copies.map((c) => c.recipient)).toEqual([anna.email, emma.email, jan.email]);
    for (const c of copies) {
      expect(c).toMatchObject({ channel: 'email', document_id: w.publishedId, status: 'queued' });
      expect(JSON.parse(c.attachments)).toEqual([{ filename: 'UM-2026-05-0012-signed.pdf', contentType: 'application/pdf', sha256: first.sha256 }]);
    }
    // Each in the signer's own language.
    expect(copies.find((c) => c.recipient === emma.email)!.subject).toMatch(/signed/i);
    expect(copies.find((c) => c.recipient === jan.email)!.subject).toMatch(/podpisan/i);
    expect((await readFeed(w.server.store.db, w.device.deviceId, 0)).filter((e) => e.type === 'sealed')).toHaveLength(1);

    await w.outbox.start();
    await expect.poll(() => w.sink.received.filter((m) => m.attachments.length > 0).length, { timeout: 10_000 }).toBe(3);
    const sealed = await w.sealContext().files.files.read(first.sha256);
    for (const mail of w.sink.received.filter((m) => m.attachments.length > 0)) {
      expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['UM-2026-05-0012-signed.pdf', 'application/pdf']]);
      expect(Buffer.from(mail.attachments[0]!.content).equals(Buffer.from(sealed))).toBe(true);
    }
  });

  it('is not ready while a signer has not signed, and never for a withdrawn document', async () => {
    const w = await signedWorld(cleanup);
    await w.sign(anna);
    await w.sign(jan);
    expect(await sealPublished(w.sealContext(), w.publishedId)).toEqual({ state: 'notReady' });
    await w.sign(emma);
    await w.server.store.db.updateTable('published_documents').set({ state: 'cancelled' }).where('id', '=', w.publishedId).execute();
    expect(await sealPublished(w.sealContext(), w.publishedId)).toEqual({ state: 'notReady' });
    expect(await sealPublished(w.sealContext(), '00000000-0000-4000-8000-000000000000')).toEqual({ state: 'notReady' });
    expect((await documentRow(w)).sealed_sha256).toBeNull();
    expect(await signedCopies(w)).toEqual([]);
  });

  it('seals once when two runs race (two processes): the loser finds it sealed and leaves no file behind', async () => {
    const w = await signedWorld(cleanup);
    await allSigned(w);
    const [a, b] = await Promise.all([sealPublished(w.sealContext(), w.publishedId), sealPublished(w.sealContext(), w.publishedId)]);
    const states = [a.state, b.state].sort();
    expect(states).toEqual(['alreadySealed', 'sealed']);
    const sha256 = (await documentRow(w)).sealed_sha256!;
    expect([a, b].every((o) => 'sha256' in o && o.sha256 === sha256)).toBe(true);
    expect((await readFeed(w.server.store.db, w.device.deviceId, 0)).filter((e) => e.type === 'sealed')).toHaveLength(1);
    expect(await signedCopies(w)).toHaveLength(3);
    // Only the winner's sealed file and the inputs remain (the original, three signature images).
    const dir = serverFilesDir(w.server.dataDir);
    const stored = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name));
    expect(stored).toHaveLength(5);
  });
});

describe('the seal queue', () => {
  it('seals from the hook, one at a time, never twice however often it is kicked', async () => {
    const w = await signedWorld(cleanup);
    const queue = startSealQueue(w.sealContext(), { sweep: false });
    cleanup.push(() => queue.stop());
    await allSigned(w);
    for (let i = 0; i < 4; i++) queue.kick(w.publishedId);
    void queue.sweep();
    await queue.idle();
    expect((await documentRow(w)).state).toBe('completed');
    expect((await readFeed(w.server.store.db, w.device.deviceId, 0)).filter((e) => e.type === 'sealed')).toHaveLength(1);
    expect(await signedCopies(w)).toHaveLength(3);
  });

  it('without a seal leaves the document all signed and not sealed, logged once; a start with the seal seals it in its first sweep', async () => {
    const w = await signedWorld(cleanup);
    await allSigned(w);
    const log = keptLog();
    const unsealed = startSealQueue(w.sealContext({ sealer: undefined, log }), { sweep: false });
    unsealed.kick(w.publishedId);
    await unsealed.sweep();
    await unsealed.sweep();
    unsealed.kick(w.publishedId);
    await unsealed.idle();
    await unsealed.stop();
    expect(log.errors).toEqual([{ msg: expect.stringContaining('--seal-p12'), fields: { publishedId: w.publishedId } }]);
    expect(await documentRow(w)).toMatchObject({ state: 'open', sealed_sha256: null });
    expect((await w.server.store.db.selectFrom('published_signers').select('status').where('document_id', '=', w.publishedId).execute()).map((s) => s.status)).toEqual(['signed', 'signed', 'signed']);

    // The restart with --seal-p12: the sweep at start finds it.
    const sealing = startSealQueue(w.sealContext());
    cleanup.push(() => sealing.stop());
    await expect.poll(async () => (await documentRow(w)).state, { timeout: 20_000 }).toBe('completed');
    await sealing.idle();
    expect(await signedCopies(w)).toHaveLength(3);
  });

  it('a seal that fails is logged once and tried again at the next sweep', async () => {
    const w = await signedWorld(cleanup);
    await allSigned(w);
    const log = keptLog();
    // A value no field of the layout has: the composition refuses it (as a value changed in the store would be).
    const signer = await w.server.store.db.selectFrom('published_signers').select('id').where('desktop_signer_id', '=', jan.id).executeTakeFirstOrThrow();
    await w.server.store.db.insertInto('published_values').values({ signer_id: signer.id, field_id: 'ghost', value: '"?"' }).execute();
    const queue = startSealQueue(w.sealContext({ log }), { sweep: false });
    cleanup.push(() => queue.stop());
    await queue.sweep();
    await queue.sweep();
    expect(log.errors).toEqual([{ msg: expect.stringContaining('tried again'), fields: { publishedId: w.publishedId } }]);
    expect((await documentRow(w)).sealed_sha256).toBeNull();
    await w.server.store.db.deleteFrom('published_values').where('field_id', '=', 'ghost').execute();
    await queue.sweep();
    expect((await documentRow(w)).state).toBe('completed');
  });
});
