import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { signerChannels } from '../../src-shared/signing/inputs';
import { callHost } from './rpc';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The sample NDA for the signed-in employee (company-1) and one counterparty (Marta Kowalczyk, Drukarnia Bałtycka, with
 * `reach`: her e-mail or phone), with a signature field each and her required "Miejscowość", sent company first with
 * the channel `channelOf` picks per side. Over the host's WebSocket: what the wizard's own spec covers in the UI.
 */
export async function sendNda(url: string, title: string, reach: { email?: string; phone?: string }, channelOf: (side: 'company' | 'counterparty') => (typeof signerChannels)[number]): Promise<string> {
  const info = await callHost(url, 'app.info', {});
  const pdf = fs.readFileSync(path.join(projectRoot, 'resources/samples/nda-pl.pdf')).toString('base64');
  const { sha256 } = await callHost(url, 'pdf.import', { data: pdf });
  const contact = await callHost(url, 'contacts.create', { fields: { kind: 'client', firstName: 'Marta', lastName: 'Kowalczyk', companyName: 'Drukarnia Bałtycka', country: 'PL', ...reach } });
  const doc = await callHost(url, 'documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title, companySignerIds: [info.user.id], counterpartyContactIds: [contact.id] });
  const rect = (y: number) => ({ x: 72, y, width: 180, height: 36 });
  await callHost(url, 'documents.fields.save', {
    id: doc.id,
    version: doc.version,
    layout: {
      fields: [
        { id: 'sig-company', kind: 'signature', page: 0, rect: rect(100), signerId: 'company-1', required: true },
        { id: 'sig-client', kind: 'signature', page: 0, rect: rect(150), signerId: 'counterparty-1', required: true },
        { id: 'client-city', kind: 'text', page: 0, rect: rect(200), signerId: 'counterparty-1', required: true, label: 'Miejscowość' },
      ],
    },
    values: {},
  });
  const fresh = await callHost(url, 'documents.get', { id: doc.id });
  const channels = Object.fromEntries(fresh.signers.map((s) => [String(s.id), channelOf(s.side)]));
  await callHost(url, 'signing.send', { id: doc.id, version: fresh.version, order: 'companyFirst', channels });
  return doc.id;
}
