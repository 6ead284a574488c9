import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// The app's services first: src-shared/fields/layout.ts and the contract import each other, and loaded from the
// publish schema's side first, document-fields.ts would be read while layout.ts is half done.
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';
import { publishRequestSchema } from '../../../src-shared/company-server/publish';
import { publishPayload } from './publish-payload';

/** What a sent document tells the company server, read from a real desktop store. */
const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe('publishPayload', () => {
  it("carries the preparer's values, the pages' sizes and the counterparty's country, and fits the server's schema", async () => {
    const app = await startTestApp({ outbox: { autoStart: false }, publish: { autoStart: false } });
    apps.push(app);
    await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
    const admin = (await app.context.db.selectFrom('users').select('id').where('is_admin', '=', 1).executeTakeFirstOrThrow()).id;
    const contact = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Klaus', lastName: 'Müller', email: 'klaus@example.de', country: 'DE' } })).id;
    const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
    const doc = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'NDA', companySignerIds: [admin], counterpartyContactIds: [contact] });
    const rect = { x: 60, y: 60, width: 160, height: 20 };
    const fields = await app.ok('documents.fields.save', {
      id: doc.id,
      version: doc.version,
      layout: {
        fields: [
          { id: 'who', kind: 'companyName', page: 0, rect, signerId: 'counterparty-1', required: true },
          { id: 'sig', kind: 'signature', page: 0, rect: { ...rect, y: 100, height: 40 }, signerId: 'counterparty-1', required: true },
        ],
      },
      values: { who: 'Müller GmbH' },
    });
    // Sent (the payload needs the deadline the send sets); in person here, so no server is needed for it.
    const fresh = await app.ok('documents.get', { id: doc.id });
    const channels = Object.fromEntries(fresh.signers.map((s) => [String(s.id), s.side === 'company' ? 'app' : 'inPerson'] as const));
    await app.ok('signing.send', { id: doc.id, version: fresh.version, order: 'companyFirst', channels });

    const payload = await publishPayload(app.context, doc.id);
    expect(payload.values).toEqual({ who: 'Müller GmbH' });
    expect(payload.pageSizes).toEqual(fields.pageSizes);
    expect(payload.pageSizes!.length).toBeGreaterThan(0);
    expect(payload.signers.map((s) => [s.side, s.country])).toEqual([
      ['company', undefined],
      ['counterparty', 'DE'],
    ]);
    expect(publishRequestSchema.safeParse(payload).success).toBe(true);
  });
});
