import { expect, test } from '@playwright/test';
import { SmtpSink } from '../src-main/test-support/smtp-sink';
import { completeFirstRun, openSection, watchForProblems } from './support/app';
import { specHost } from './support/spec-host';

/**
 * E-mail in Settings against a real SMTP server started by the spec: configure it, send the test e-mail and see it
 * sent in the outbox; with the server down the next one stays queued with the reason and its next try; a bad
 * recipient fails with the server's words, and Retry sends it once the server takes it.
 */
const hostOf = specHost();
const sink = new SmtpSink({ rejectRecipients: new Set(['nikt@zaklady.pl']) });
test.beforeAll(async () => {
  await sink.start();
});
test.afterAll(async () => {
  await sink.stop();
});

test('mail: SMTP settings, a test e-mail sent, queued while the server is down, failed for a bad recipient and retried', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  await openSection(page, 'Settings');
  const card = page.getByRole('region', { name: 'E-mail (SMTP)' });
  const outbox = page.getByRole('region', { name: 'Outbox' });
  await expect(outbox.getByText('No messages.')).toBeVisible();

  await card.getByLabel('SMTP server').fill('127.0.0.1');
  await card.getByLabel('Encryption').selectOption('none');
  await expect(card.getByLabel('Port')).toHaveValue('25');
  await card.getByLabel('Port').fill('not a port');
  await card.getByLabel('Sender address').fill('biuro@zaklady.pl');
  await card.getByLabel('Sender name').fill('Zakłady Łódzkie');
  await card.getByLabel('Password', { exact: true }).fill('hasło-do-serwera');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByLabel('Port')).toHaveAccessibleDescription('Enter a port from 1 to 65535.');
  await card.getByLabel('Port').fill(String(sink.port));
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'E-mail settings saved.' })).toBeVisible();
  // The stored password never comes back: the field is empty and only says that one is stored.
  await expect(card.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(card.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/A password is stored in the keychain/);

  const to = card.getByLabel('Send a test e-mail to');
  const send = card.getByRole('button', { name: 'Send test e-mail' });
  const result = card.getByTestId('mail-test-result');
  await to.fill('anna@example.pl');
  await send.click();
  await expect(result).toContainText('Sent to anna@example.pl. The server answered: 250 2.0.0 Ok: queued as');
  expect(sink.received.map((m) => [m.to, m.subject])).toEqual([['anna@example.pl', 'Signet: test e-mail']]);
  expect(sink.received[0]!.text).toContain('e-mail from Zakłady Łódzkie Sp. z o.o. is set up correctly');
  const rows = outbox.getByTestId('outbox-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-status', 'sent');
  await expect(rows.first()).toContainText('anna@example.pl');
  await expect(rows.first()).toContainText('Test e-mail');
  await expect(rows.first().getByText('Sent', { exact: true })).toBeVisible();

  // The server goes down: the message stays in the outbox, queued, with the reason and when it is tried next.
  await sink.stop();
  await to.fill('jan@example.pl');
  await send.click();
  await expect(result).toContainText(/Not sent yet: .*ECONNREFUSED.* It stays in the outbox and is tried again at/);
  await expect(rows).toHaveCount(2);
  const queued = rows.filter({ hasText: 'jan@example.pl' });
  await expect(queued).toHaveAttribute('data-status', 'queued');
  await expect(queued.getByTestId('outbox-detail')).toContainText(/Next try .*ECONNREFUSED/s);
  await expect(queued.getByRole('button', { name: 'Retry' })).toHaveCount(0);

  // Back up; a recipient the server does not know fails at once, with the server's own words.
  await sink.start();
  await to.fill('nikt@zaklady.pl');
  await send.click();
  const reason = '550 5.1.1 <nikt@zaklady.pl>: Recipient address rejected: User unknown';
  await expect(result).toContainText(`The server refused it: ${reason}`);
  const failed = rows.filter({ hasText: 'nikt@zaklady.pl' });
  await expect(failed).toHaveAttribute('data-status', 'failed');
  await expect(failed.getByTestId('outbox-detail')).toHaveText(reason);
  await outbox.getByRole('button', { name: /^Failed/ }).click();
  await expect(rows).toHaveCount(1);
  await expect(outbox.getByRole('button', { name: /^Failed/ })).toHaveAttribute('aria-pressed', 'true');

  // The mailbox now exists: Retry by hand puts it back in the queue and the outbox follows it to "sent".
  sink.rejectRecipients.clear();
  await failed.getByRole('button', { name: 'Retry' }).click();
  await outbox.getByRole('button', { name: /^All/ }).click();
  await expect(rows.filter({ hasText: 'nikt@zaklady.pl' })).toHaveAttribute('data-status', 'sent');
  expect(sink.received.filter((m) => m.to === 'nikt@zaklady.pl')).toHaveLength(1);
  expect(problems).toEqual([]);
});
