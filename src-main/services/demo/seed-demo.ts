import path from 'node:path';
import { contactFieldsSchema, type ContactFieldsInput } from '../../../src-shared/contacts/schema';
import { currentUser } from '../app/app-service';
import { fieldsToColumns } from '../contacts/contact-rows';
import { newDocumentSchema } from '../../../src-shared/documents/types';
import { nowIso, type ServiceContext } from '../context';
import { createDocument } from '../documents/documents-service';
import { importPdf } from '../pdf/import-service';

/** Fictional but realistic: valid NIP checksums, real number formats, Polish and foreign partners. */
const people: ContactFieldsInput[] = [
  { kind: 'client', firstName: 'Katarzyna', lastName: 'Wiśniewska', email: 'k.wisniewska@budimex-demo.pl', phone: '601 234 567', companyName: 'Budpol Inwestycje Sp. z o.o.', position: 'Dyrektor zakupów', taxId: '525-000-12-33', street: 'ul. Marszałkowska 104', postalCode: '00-017', city: 'Warszawa' },
  { kind: 'client', firstName: 'Tomasz', lastName: 'Zieliński', email: 'tomasz.zielinski@budpol-demo.pl', phone: '+48 602 345 678', companyName: 'Budpol Inwestycje Sp. z o.o.', position: 'Prokurent', taxId: '5250001233', street: 'ul. Marszałkowska 104', postalCode: '00-017', city: 'Warszawa' },
  { kind: 'supplier', firstName: 'Małgorzata', lastName: 'Kowalczyk', email: 'm.kowalczyk@agro-lublin-demo.pl', phone: '81 532 10 20', companyName: 'Agro-Lub Dostawy S.A.', position: 'Kierownik sprzedaży', taxId: '7792003347', street: 'ul. Krakowskie Przedmieście 12', postalCode: '20-002', city: 'Lublin' },
  { kind: 'supplier', firstName: 'Paweł', lastName: 'Łukasiewicz', email: 'pawel@drukarnia-gdansk-demo.pl', phone: '605 111 222', companyName: 'Drukarnia Bałtycka Sp.j.', taxId: '9512345675', street: 'ul. Długa 45', postalCode: '80-831', city: 'Gdańsk' },
  { kind: 'partner', firstName: 'Agnieszka', lastName: 'Dąbrowska', email: 'agnieszka.dabrowska@kancelaria-demo.pl', phone: '22 628 44 10', companyName: 'Kancelaria Prawna Dąbrowska i Wspólnicy', position: 'Radca prawny', taxId: '6771234561', street: 'ul. Floriańska 3', postalCode: '31-019', city: 'Kraków' },
  { kind: 'partner', firstName: 'Jonas', lastName: 'Becker', email: 'j.becker@logistik-demo.de', phone: '+49 30 901820', companyName: 'Becker Logistik GmbH', position: 'Geschäftsführer', taxId: 'DE129273398', country: 'DE', street: 'Friedrichstraße 68', postalCode: '10117', city: 'Berlin' },
  { kind: 'client', firstName: 'Emma', lastName: 'Clarke', email: 'emma.clarke@northwind-demo.co.uk', phone: '+44 20 7946 0958', companyName: 'Northwind Trading Ltd', position: 'Head of Legal', taxId: 'GB123456789', country: 'GB', street: '221 Baker Street', postalCode: 'NW1 6XE', city: 'London' },
  { kind: 'employee', firstName: 'Piotr', lastName: 'Nowak', email: 'piotr.nowak@signet-demo.pl', phone: '698 765 432', position: 'Dyrektor generalny', city: 'Poznań', postalCode: '61-001' },
  { kind: 'employee', firstName: 'Zofia', lastName: 'Mazur', email: 'zofia.mazur@signet-demo.pl', phone: '697 000 111', position: 'Specjalistka ds. umów', city: 'Poznań', postalCode: '61-001' },
];

const documents = [
  { file: 'umowa-dostawy.pdf', title: 'Umowa dostawy materiałów biurowych', signers: [2], amountMinor: 4_860_000, currency: 'PLN' as const, dueDate: '2026-12-15', department: 'Zakupy', tags: ['dostawy', 'ramowa'] },
  { file: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', signers: [4], department: 'Prawny', tags: ['NDA'] },
  { file: 'service-agreement-en.pdf', title: 'Master Service Agreement — Northwind', signers: [6], amountMinor: 12_000_000, currency: 'EUR' as const, dueDate: '2027-01-31', department: 'Sprzedaż', tags: ['MSA', 'export'] },
];

/**
 * Fills an empty store with sample data for a demo or a first look. A store that is set up or holds any contact or
 * document is left alone, so `--demo` on real data never renames the company or mixes samples into it.
 */
export async function seedDemo(ctx: ServiceContext): Promise<boolean> {
  const [company, contact, document] = await Promise.all([
    ctx.db.selectFrom('company').select('setup_done').executeTakeFirst(),
    ctx.db.selectFrom('contacts').select('id').limit(1).executeTakeFirst(),
    ctx.db.selectFrom('documents').select('id').limit(1).executeTakeFirst(),
  ]);
  if (company?.setup_done === 1 || contact || document) return false;
  const owner = await currentUser(ctx);
  const at = nowIso(ctx);
  const ids = people.map(() => ctx.newId());
  await ctx.db.transaction().execute(async (trx) => {
    // A demo opens straight onto its data: the company is named, so the first-run form is not shown.
    await trx.updateTable('company').set({ name: 'Signet Demo Sp. z o.o.', tax_id: '7792003347', city: 'Poznań', setup_done: 1, updated_at: at }).execute();
    await trx
      .insertInto('contacts')
      .values(people.map((p, i) => ({ id: ids[i]!, ...fieldsToColumns(contactFieldsSchema.parse(p)), archived_at: null, created_at: at, updated_at: at })))
      .execute();
  });
  // Through the same services as a person's import and "Create": numbered, indexed for search, with a history.
  for (const d of documents) {
    const info = await importPdf(ctx, { path: path.join(ctx.resourcesDir, 'samples', d.file) });
    const { file, signers, ...fields } = d;
    await createDocument(ctx, newDocumentSchema.parse({ ...fields, fileSha256: info.sha256, originalName: file, companySignerIds: [owner.id], counterpartyContactIds: signers.map((i) => ids[i]!) }));
  }
  ctx.log.info('demo data added', { contacts: people.length, documents: documents.length });
  return true;
}
