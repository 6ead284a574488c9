import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base64, startTestApp, type TestApp } from '../../../test-support/temp-services';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  await app.close();
});

const csv = [
  'Imię i nazwisko;E-mail;Telefon;Firma;NIP;Rodzaj',
  'Anna Nowak;anna@example.pl;601 234 567;Nowak S.A.;525-000-12-33;klient',
  'Jan Kowalski;not-an-email;602 111 222;;;dostawca',
  'Ewa Lis;ewa@example.pl;12;;;',
  'Piotr Wójcik;piotr@example.pl;603 333 444;;123-456-78-90;partner',
  'Anna Nowak (again);ANNA@example.pl;604 444 555;;;',
  '"Zofia ""Zosia"" Mazur";zofia@example.pl;"605 555 666";"Mazur; Syn";;pracownik',
].join('\r\n');

describe('CSV import', () => {
  it('suggests a column mapping from Polish headers and detects the delimiter', async () => {
    const preview = await app.ok('contacts.importPreview', { data: base64(csv) });
    expect(preview).toMatchObject({ delimiter: ';', rowCount: 6, encoding: 'utf-8' });
    expect(preview.suggestedMapping).toEqual(['fullName', 'email', 'phone', 'companyName', 'taxId', 'kind']);
    expect(preview.sampleRows).toHaveLength(5);
    expect(preview.sampleRows[0]).toEqual(['Anna Nowak', 'anna@example.pl', '601 234 567', 'Nowak S.A.', '525-000-12-33', 'klient']);
  });

  it('imports the valid rows, lists every invalid one with its row and field, and half-imports nothing', async () => {
    const { suggestedMapping } = await app.ok('contacts.importPreview', { data: base64(csv) });
    const report = await app.ok('contacts.import', { format: 'csv', data: base64(csv), mapping: suggestedMapping, defaultKind: 'client' });
    expect(report.imported).toBe(2);
    expect(report.failed).toEqual([
      { row: 2, label: 'Jan Kowalski', issues: [{ path: 'email', messageKey: 'validation.email' }] },
      { row: 3, label: 'Ewa Lis', issues: [{ path: 'phone', messageKey: 'validation.phone' }] },
      { row: 4, label: 'Piotr Wójcik', issues: [{ path: 'taxId', messageKey: 'validation.nip' }] },
      { row: 5, label: 'Anna Nowak (again)', issues: [{ path: 'email', messageKey: 'import.duplicateInFile' }] },
    ]);
    const { items } = await app.ok('contacts.list', {});
    expect(items.map((c) => [c.firstName, c.lastName, c.kind, c.companyName])).toEqual([
      ['Zofia "Zosia"', 'Mazur', 'employee', 'Mazur; Syn'],
      ['Anna', 'Nowak', 'client', 'Nowak S.A.'],
    ]);
  });

  it('reports rows that repeat a contact already in the book', async () => {
    await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Anna', lastName: 'Nowak', phone: '+48601234567' } });
    const report = await app.ok('contacts.import', {
      format: 'csv',
      data: base64('Name,Phone\nAnna Nowak,601234567\nJan Nowy,602000000\n'),
      mapping: ['fullName', 'phone'],
    });
    expect(report).toEqual({ imported: 1, failed: [{ row: 1, label: 'Anna Nowak', issues: [{ path: 'phone', messageKey: 'import.duplicateExisting' }] }] });
  });

  it('reads a Windows-1250 file from Polish Excel', async () => {
    const text = 'Imię;Nazwisko;Miasto\r\nŻaneta;Źdźbło;Łódź\r\n';
    const cp1250: Record<string, number> = { ę: 0xea, Ż: 0xaf, Ź: 0x8f, ź: 0x9f, ł: 0xb3, Ł: 0xa3, ó: 0xf3 };
    const bytes = Uint8Array.from([...text].map((ch) => cp1250[ch] ?? ch.charCodeAt(0)));
    const preview = await app.ok('contacts.importPreview', { data: base64(bytes) });
    expect(preview.encoding).toBe('windows-1250');
    expect(preview.headers).toEqual(['Imię', 'Nazwisko', 'Miasto']);
    await app.ok('contacts.import', { format: 'csv', data: base64(bytes), mapping: preview.suggestedMapping });
    expect((await app.ok('contacts.list', { query: 'zdzblo lodz' })).items[0]).toMatchObject({ firstName: 'Żaneta', city: 'Łódź' });
  });

  it('rolls the whole import back when the database refuses a row mid-way', async () => {
    await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Stays', lastName: 'Alone' } });
    const rows = Array.from({ length: 450 }, (_, i) => `Person ${i},p${i}@example.pl`).join('\n');
    // Every id after the 300th repeats: the primary key refuses the second chunk after the first was inserted.
    let n = 0;
    const realNewId = app.context.newId;
    app.context.newId = () => (++n > 300 ? '00000000-0000-4000-8000-000000000000' : realNewId());
    const result = await app.call('contacts.import', { format: 'csv', data: base64(`Name,Email\n${rows}`), mapping: ['fullName', 'email'] });
    app.context.newId = realNewId;
    expect(result.ok).toBe(false);
    expect((await app.ok('contacts.list', {})).items.map((c) => c.lastName)).toEqual(['Alone']);
  });

  it('reports a full disk as such, keeps the book as it was, and works again once there is room', async () => {
    await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Stays', lastName: 'Alone' } });
    const rows = Array.from({ length: 3000 }, (_, i) => `Person ${i},p${i}@example.pl`).join('\n');
    const input = { format: 'csv' as const, data: base64(`Name,Email\n${rows}`), mapping: ['fullName' as const, 'email' as const] };
    // SQLite's own size cap produces the same SQLITE_FULL a full disk does.
    const pages = app.store.sqlite.pragma('page_count', { simple: true }) as number;
    app.store.sqlite.pragma(`max_page_count = ${pages + 4}`);
    const full = await app.call('contacts.import', input);
    expect(!full.ok && full.error).toEqual({ code: 'STORE_UNAVAILABLE', messageKey: 'errors.diskFull', details: { reason: 'SQLITE_FULL' } });
    expect((await app.ok('contacts.list', {})).total).toBe(1);

    app.store.sqlite.pragma('max_page_count = 1073741823');
    expect((await app.ok('contacts.import', input)).imported).toBe(3000);
    expect(app.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a mapping without a name column and an empty file, with reasons', async () => {
    const noName = await app.call('contacts.import', { format: 'csv', data: base64('Email\na@b.pl\n'), mapping: ['email'] });
    expect(!noName.ok && noName.error).toMatchObject({ code: 'IMPORT_FAILED', messageKey: 'import.mappingRequired' });
    const empty = await app.call('contacts.importPreview', { data: base64('\n\n') });
    expect(!empty.ok && empty.error).toMatchObject({ code: 'IMPORT_FAILED', messageKey: 'import.emptyFile' });
    const headerOnly = await app.call('contacts.import', { format: 'csv', data: base64('Name\n'), mapping: ['fullName'] });
    expect(!headerOnly.ok && headerOnly.error).toMatchObject({ code: 'IMPORT_FAILED', messageKey: 'import.noRows' });
  });

  it('round-trips its own export, including a phone guarded against spreadsheet formulas', async () => {
    await app.ok('contacts.create', {
      fields: { kind: 'supplier', firstName: 'Łucja', lastName: 'Żak', phone: '601 234 567', companyName: '=HYPERLINK("x")', taxId: '5250001233', notes: '@SUM(A1)\nline 2' },
    });
    const { csv: exported, filename } = await app.ok('contacts.exportCsv', {});
    expect(filename).toMatch(/^signet-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.startsWith('\uFEFFKind,First name,Last name')).toBe(true);
    expect(exported).toContain(`'+48601234567`);
    expect(exported).toContain(`'=HYPERLINK`);
    // A formula followed by a line break is guarded too (papaparse's default pattern misses it).
    expect(exported).toContain(`"'@SUM(A1)\nline 2"`);

    const other = await startTestApp();
    try {
      const preview = await other.ok('contacts.importPreview', { data: base64(exported) });
      expect(preview.suggestedMapping).toEqual(['kind', 'firstName', 'lastName', 'email', 'phone', 'companyName', 'position', 'taxId', 'country', 'street', 'postalCode', 'city', 'notes']);
      const report = await other.ok('contacts.import', { format: 'csv', data: base64(exported), mapping: preview.suggestedMapping });
      expect(report).toEqual({ imported: 1, failed: [] });
      const [c] = (await other.ok('contacts.list', {})).items;
      expect(c).toMatchObject({ kind: 'supplier', firstName: 'Łucja', phone: '+48601234567', companyName: '=HYPERLINK("x")', taxId: '5250001233', notes: '@SUM(A1)\nline 2' });
    } finally {
      await other.close();
    }
  });
});

describe('vCard import', () => {
  it('reads vCard 2.1 (quoted-printable, charset, bare types), 3.0 and 4.0 in one file', async () => {
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C5=BBak;=C5=81ucja;;;',
      'TEL;WORK;VOICE:22 111 22 33',
      'TEL;CELL:601 234 567',
      'ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zak=C5=82ady =C5=81=C3=B3dzkie=',
      ' S.A.',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Emma Clarke',
      'N:Clarke;Emma;;;',
      'EMAIL;TYPE=INTERNET;TYPE=WORK:emma@northwind.example',
      'EMAIL;TYPE=INTERNET;TYPE=PREF:emma.clarke@northwind.example',
      'ADR;TYPE=WORK:;;221 Baker Street;London;;NW1 6XE;United Kingdom',
      'NOTE:Prefers e-mail\\, not SMS\\nCall after 10',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Jonas Becker',
      'EMAIL;PREF=1:j.becker@logistik.example',
      'TITLE:Geschäftsführer',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Broken Phone',
      'TEL:123',
      'END:VCARD',
    ].join('\r\n');
    const report = await app.ok('contacts.import', { format: 'vcard', data: base64(vcf), defaultKind: 'partner' });
    expect(report.imported).toBe(3);
    expect(report.failed).toEqual([{ row: 4, label: 'Broken Phone', issues: [{ path: 'phone', messageKey: 'validation.phone' }] }]);
    const byName = Object.fromEntries((await app.ok('contacts.list', {})).items.map((c) => [c.lastName, c]));
    expect(byName['Żak']).toMatchObject({ firstName: 'Łucja', phone: '+48601234567', companyName: 'Zakłady Łódzkie S.A.', kind: 'partner' });
    expect(byName['Clarke']).toMatchObject({ email: 'emma.clarke@northwind.example', country: 'GB', city: 'London', postalCode: 'NW1 6XE', notes: 'Prefers e-mail, not SMS\nCall after 10' });
    expect(byName['Becker']).toMatchObject({ firstName: 'Jonas', position: 'Geschäftsführer' });
  });

  it('says so when the file holds no cards', async () => {
    const result = await app.call('contacts.import', { format: 'vcard', data: base64('hello') });
    expect(!result.ok && result.error.messageKey).toBe('import.noRows');
  });
});
