import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/temp-services';

const apps: TestApp[] = [];
async function open(options: Parameters<typeof startTestApp>[0] = {}) {
  const app = await startTestApp(options);
  apps.push(app);
  return app;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

describe('first run', () => {
  it('creates one administrator and an unnamed company, and stays first-run until set up', async () => {
    const app = await open();
    const info = await app.ok('app.info', {});
    expect(info).toMatchObject({ firstRun: true, company: { name: '' }, user: { isAdmin: true, isSigner: true }, preferences: { language: 'system' } });
    expect(info.dataDir).toBe(app.dataDir);

    const bad = await app.call('setup.complete', { company: { name: '  ' }, userName: '' });
    expect(!bad.ok && (bad.error.details?.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['company.name', 'userName']);

    const done = await app.ok('setup.complete', { company: { name: 'Nowak i Synowie Sp. z o.o.', city: 'Kraków' }, userName: 'Jan Nowak', userEmail: 'jan@nowak.pl' });
    expect(done).toMatchObject({ firstRun: false, company: { name: 'Nowak i Synowie Sp. z o.o.', city: 'Kraków' }, user: { name: 'Jan Nowak', email: 'jan@nowak.pl' } });
  });

  it('keeps the same administrator and settings across restarts', async () => {
    const first = await open();
    const { user } = await first.ok('setup.complete', { company: { name: 'Firma' }, userName: 'Anna' });
    await first.ok('settings.setLanguage', { language: 'pl' });
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    const again = await open({ dataDir: first.dataDir });
    const info = await again.ok('app.info', {});
    expect(info.user.id).toBe(user.id);
    expect(info.preferences.language).toBe('pl');
    expect(info.firstRun).toBe(false);
    expect(again.context.db).toBeDefined();
    const users = await again.context.db.selectFrom('users').select('id').execute();
    expect(users).toHaveLength(1);
  });

  it('lets the administrator rename the company; refuses an unknown language', async () => {
    const app = await open();
    expect(await app.ok('company.update', { company: { name: 'Nowa Nazwa S.A.', taxId: '5250001233' } })).toEqual({ name: 'Nowa Nazwa S.A.', taxId: '5250001233', city: undefined });
    expect((await app.ok('app.info', {})).company.name).toBe('Nowa Nazwa S.A.');
    const bad = await app.call('settings.setLanguage', { language: 'de' as 'en' });
    expect(!bad.ok && bad.error.details?.issues).toEqual([{ path: 'language', messageKey: 'validation.language' }]);
  });
});

describe('demo data', () => {
  it('never touches a store that is already set up, even one without contacts', async () => {
    const real = await open();
    await real.ok('setup.complete', { company: { name: 'Prawdziwa Firma S.A.' }, userName: 'Anna' });
    await real.close();
    apps.splice(apps.indexOf(real), 1);
    const again = await open({ dataDir: real.dataDir, demo: true });
    expect((await again.ok('app.info', {})).company.name).toBe('Prawdziwa Firma S.A.');
    expect((await again.ok('contacts.list', {})).total).toBe(0);
  });


  it('fills an empty store once with contacts, sample PDFs and documents', async () => {
    const app = await open({ demo: true });
    const info = await app.ok('app.info', {});
    expect(info).toMatchObject({ firstRun: false, company: { name: 'Signet Demo Sp. z o.o.' } });
    const { total, items } = await app.ok('contacts.list', {});
    expect(total).toBe(9);
    expect(new Set(items.map((c) => c.kind))).toEqual(new Set(['client', 'supplier', 'partner', 'employee']));
    const docs = await app.context.db.selectFrom('documents').select(['number', 'original_sha256']).orderBy('number').execute();
    // Numbered by the company scheme in the month they are made: UM/yyyy/MM/0001…
    const month = new Date().toISOString().slice(0, 7).replace('-', '/');
    expect(docs.map((d) => d.number).sort()).toEqual([`UM/${month}/0001`, `UM/${month}/0002`, `UM/${month}/0003`]);
    for (const d of docs) expect(Buffer.from(await app.context.files.read(d.original_sha256)).subarray(0, 5).toString()).toBe('%PDF-');
    await app.close();
    apps.splice(apps.indexOf(app), 1);

    const again = await open({ dataDir: app.dataDir, demo: true });
    expect((await again.ok('contacts.list', {})).total).toBe(9);
  });
});
