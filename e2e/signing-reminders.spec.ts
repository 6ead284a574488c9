import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { completeFirstRun, openSection, watchForProblems } from './support/app';
import { callHost } from './support/rpc';
import { specHost } from './support/spec-host';
import { specSmtpSink } from './support/spec-smtp';

/**
 * "Send reminder" (issue 5) in Chromium against the browser host and a real SMTP server on loopback: a document
 * whose company signer is another employee with an e-mail address, and a counterparty who signs in person, all at
 * once; the owner presses "Send reminder" in the document panel; the SMTP server receives the reminder at the
 * employee's address (pointing to Signet > To sign and the signet:// link), the panel says to whom it went and that
 * the in-person signer gets none, a second press is refused, and the history shows the reminder.
 */
const hostOf = specHost();
const sink = specSmtpSink();

const title = 'Umowa serwisowa 7/2026 — Drukarnia Bałtycka';
const employee = { name: 'Piotr Zieliński', email: 'piotr.zielinski@zaklady.pl' };

/** The document, sent by the administrator over the host's WebSocket (the wizard's own spec covers making one). */
async function sendToColleague(url: string): Promise<string> {
  await callHost(url, 'mail.settings.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'biuro@zaklady.pl', fromName: 'Zakłady Łódzkie' });
  const colleague = await callHost(url, 'users.add', { ...employee, isAdmin: false, isSigner: true });
  const contact = await callHost(url, 'contacts.create', { fields: { kind: 'client', firstName: 'Marta', lastName: 'Kowalczyk', companyName: 'Drukarnia Bałtycka' } });
  const pdf = fs.readFileSync(path.resolve(import.meta.dirname, '../resources/samples/nda-pl.pdf')).toString('base64');
  const { sha256 } = await callHost(url, 'pdf.import', { data: pdf });
  const doc = await callHost(url, 'documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title, companySignerIds: [colleague.id], counterpartyContactIds: [contact.id] });
  const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('inPerson' as const)]));
  await callHost(url, 'signing.send', { id: doc.id, version: doc.version, order: 'parallel', channels, reminderDays: 3, language: 'en', message: 'Please sign by Friday.' });
  return doc.id;
}

test('Send reminder: the colleague whose signature is due gets it by e-mail, the in-person signer is named as left out, the history shows it', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  const id = await sendToColleague(hostOf().url);
  await openSection(page, 'Sign & manage');

  await page.getByRole('region', { name: /^Sent to counterparty \d+ documents?$/ }).getByRole('button', { name: new RegExp(`^${title}`) }).click();
  const panel = page.getByRole('dialog', { name: title });
  await expect(panel.getByText(/^Next automatic reminder: .+ \(every 3 days\)\.$/)).toBeVisible();
  await expect(panel.getByText('Marta Kowalczyk signs in person on this computer: there is nothing to send them.')).toBeVisible();

  await panel.getByRole('button', { name: 'Send reminder' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Reminder sent' })).toHaveText(`Reminder sent to ${employee.name} (${employee.email}).`);
  await expect.poll(() => sink.received.filter((m) => m.to === employee.email).length, { timeout: 20_000, message: 'the reminder at the SMTP server' }).toBe(1);
  const mail = sink.received.find((m) => m.to === employee.email)!;
  expect(mail.subject).toBe(`Reminder: “${title}” awaits your signature`);
  expect(mail.text).toContain('Open Signet and choose To sign');
  expect(mail.text).toContain(`signet://sign/${id}`);
  expect(mail.text).toContain('writes: Please sign by Friday.');

  const history = panel.getByRole('region', { name: /^History/ });
  await expect(history.getByRole('listitem').filter({ hasText: `Reminder sent to ${employee.name} by e-mail` })).toHaveCount(1);

  // A second press moments later: refused with the reason, nothing more sent.
  await panel.getByRole('button', { name: 'Send reminder' }).click();
  await expect(panel.getByRole('alert')).toHaveText('No reminder can be sent now to anyone whose turn it is to sign.');
  await expect(panel.getByText(`${employee.name} was reminded less than 15 minutes ago.`)).toBeVisible();
  expect(sink.received.filter((m) => m.to === employee.email)).toHaveLength(1);
  expect(problems).toEqual([]);
});
