import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { base64, startTestApp, type TestApp } from '../../test-support/temp-services';

/**
 * Ratios, not times: each group has a baseline doing the bare SQLite work in the same run, so the report reads
 * "the service costs N× the raw database work" on whatever machine runs it.
 */
const size = 2000;
let app: TestApp;
let batch = 0;

beforeAll(async () => {
  app = await startTestApp();
  const seed = Array.from({ length: 5000 }, (_, i) => `Osoba${i} Nazwisko${i % 300},s${i}@example.pl,Firma ${i % 97}`).join('\n');
  await app.ok('contacts.import', { format: 'csv', data: base64(`Name,Email,Company\n${seed}`), mapping: ['fullName', 'email', 'companyName'] });
});
afterAll(async () => {
  await app?.close();
});

// Search first: the import group grows the book as it runs.
describe('search as you type', () => {
  bench('baseline: raw LIKE query, first page', () => {
    app.store.sqlite.prepare(`select * from contacts where search_text like '%nazwisko12%' order by sort_name limit 100`).all();
  });

  bench('contacts.list with a query (page and total)', async () => {
    await app.ok('contacts.list', { query: 'nazwisko12' });
  });
});

describe(`import ${size} contacts`, () => {
  bench('baseline: raw INSERTs in one transaction', () => {
    batch += 1;
    const sqlite = app.store.sqlite;
    const insert = sqlite.prepare(
      `insert into contacts (id, kind, first_name, last_name, email, country, search_text, sort_name, sort_company, created_at, updated_at)
       values (?, 'client', ?, 'Nowak', ?, 'PL', ?, ?, '', '2026-01-01', '2026-01-01')`,
    );
    sqlite.transaction(() => {
      for (let i = 0; i < size; i++) insert.run(randomUUID(), `Raw${batch}x${i}`, `r${batch}.${i}@example.pl`, `raw${batch}x${i} nowak`, `nowak raw${batch}x${i}`);
    })();
  });

  bench('contacts.import: decode, parse, validate, dedupe, insert', async () => {
    batch += 1;
    const rows = Array.from({ length: size }, (_, i) => `Anna${batch}x${i} Nowak,b${batch}.${i}@example.pl`).join('\n');
    await app.ok('contacts.import', { format: 'csv', data: base64(`Name,Email\n${rows}`), mapping: ['fullName', 'email'] });
  });
});
