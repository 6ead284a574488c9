import { expect, test, type Browser } from '@playwright/test';
import { parseEnrolmentLink } from '../src-shared/company-server/account-api';
import { enrolRouteHash } from '../src-shared/company-server/enrol-route';
import { completeFirstRun, openSection, watchForProblems } from './support/app';
import { specCompanyServer } from './support/company-server';
import { specHost } from './support/spec-host';
import { specSmtpSink } from './support/spec-smtp';

/**
 * Accounts in Chromium: the administrator's browser host pairs with the code `pair` printed (the built-in
 * Administrator), invites an employee from Settings' Accounts panel; the real server's outbox sends the invitation to
 * an SMTP server on loopback; a second browser host signs in with the link from that e-mail and works as her; a new
 * invitation's link, opened as the Electron shell opens it, fills her sign-in form.
 */
const adminHost = specHost();
const employeeHost = specHost();
const sink = specSmtpSink();
const server = specCompanyServer((s) => s.configure({ smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'konta@zaklady.pl', fromName: 'Zakłady Łódzkie' } }));

/** A fresh desktop in its own page, past the first run, at Settings: the page, its console problems, its Company server card. */
async function desktopSettings(browser: Browser, url: string) {
  const page = await browser.newPage();
  const problems = watchForProblems(page);
  await page.goto(url);
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  await openSection(page, 'Settings');
  return { page, problems, card: page.getByRole('region', { name: 'Company server' }) };
}

test('accounts: the administrator invites, the e-mail arrives, a second desktop signs in with its link', async ({ browser }) => {
  const { page: admin, problems, card } = await desktopSettings(browser, adminHost().url);
  await card.getByLabel('Server address').fill(server.url);
  await card.getByLabel('Pairing code').fill(server.pair());
  await card.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(card.getByTestId('company-server-account')).toHaveText('Signed in as Administrator (administrator@signet.invalid) (administrator)');

  const panel = card.getByTestId('accounts-panel');
  const invite = panel.getByRole('form', { name: 'Invite' });
  await invite.getByRole('textbox', { name: 'Name', exact: true }).fill('Anna Nowak');
  await invite.getByRole('textbox', { name: 'E-mail', exact: true }).fill('anna@zaklady.pl');
  await invite.getByRole('textbox', { name: 'Department', exact: true }).fill('Kadry');
  await invite.getByLabel('Signs documents').check();
  await invite.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText('Invitation sent to anna@zaklady.pl.');
  const annaRow = panel.getByRole('listitem', { name: 'Anna Nowak' });
  await expect(annaRow).toContainText('0 active devices');
  await expect(annaRow.getByLabel('Signs documents')).toBeChecked();
  await expect(annaRow.getByLabel('Administrator')).not.toBeChecked();

  // Her details are corrected before she signs in: the server keeps the new ones.
  await annaRow.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = annaRow.getByRole('form', { name: 'Edit Anna Nowak' });
  await expect(edit.getByRole('textbox', { name: 'Department', exact: true })).toHaveValue('Kadry');
  await edit.getByRole('textbox', { name: 'Department', exact: true }).fill('Kadry i płace');
  await edit.getByRole('textbox', { name: 'E-mail', exact: true }).fill('administrator@signet.invalid');
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  // Another account's address is refused, with the reason, and nothing changes.
  await expect(edit.getByRole('alert')).toContainText('Another account already has this e-mail address.');
  await edit.getByRole('textbox', { name: 'E-mail', exact: true }).fill('anna@zaklady.pl');
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText('Anna Nowak: changes saved.');
  await expect(edit).toHaveCount(0);
  await expect(annaRow).toContainText('anna@zaklady.pl · Kadry i płace');

  await expect.poll(() => sink.received.length).toBe(1);
  const mail = sink.received[0]!;
  expect(mail.to).toBe('anna@zaklady.pl');
  expect(mail.subject).toBe('Twoje konto Signet w firmie Zakłady Łódzkie');
  const link = /signet:\/\/enrol\?\S+/.exec(mail.text)![0];
  expect(parseEnrolmentLink(link)?.server).toBe(server.url);

  const { page: employee, problems: employeeProblems, card: hers } = await desktopSettings(browser, employeeHost().url);
  await hers.getByRole('button', { name: 'Sign in with an invitation' }).click();
  await hers.getByLabel('Link from the e-mail').fill(link);
  await expect(hers.getByLabel('Enrolment code')).toHaveValue(parseEnrolmentLink(link)!.code);
  await hers.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(hers.getByTestId('company-server-account')).toHaveText('Signed in as Anna Nowak (anna@zaklady.pl)');
  await expect(hers.getByTestId('accounts-panel')).toHaveCount(0);

  await admin.reload();
  await openSection(admin, 'Settings');
  await expect(card.getByRole('listitem', { name: 'Anna Nowak' })).toContainText('1 active device');

  // She signs her desktop out: the server revokes its token, the administrator sees no device of hers working.
  await hers.getByRole('button', { name: 'Sign out of the company server' }).click();
  await expect(hers.getByTestId('company-server-state')).toHaveText('Not linked to a company server.');
  await admin.reload();
  await openSection(admin, 'Settings');
  await expect(card.getByRole('listitem', { name: 'Anna Nowak' })).toContainText('0 active devices');

  // A new invitation, opened as the OS hands a signet://enrol link to the app: the shell sends the window to the route
  // enrol-route.ts makes of it (the same function), and Settings' sign-in form opens filled in.
  await card.getByRole('listitem', { name: 'Anna Nowak' }).getByRole('button', { name: 'Send the invitation again' }).click();
  await expect.poll(() => sink.received.length).toBe(2);
  const second = parseEnrolmentLink(/signet:\/\/enrol\?\S+/.exec(sink.received[1]!.text)![0])!;
  expect(second.code).not.toBe(parseEnrolmentLink(link)!.code);
  await openSection(employee, 'Contacts');
  await employee.evaluate(`location.hash = ${JSON.stringify(enrolRouteHash(second))}`);
  await expect(employee.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(hers.getByText(`The invitation link filled in the server (${server.url}) and your code.`)).toBeVisible();
  await expect(hers.getByLabel('Server address')).toHaveValue(server.url);
  await expect(hers.getByLabel('Enrolment code')).toHaveValue(second.code);
  // The code does not stay in the address.
  expect(await employee.evaluate('location.hash')).toBe('');
  await hers.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(hers.getByTestId('company-server-account')).toHaveText('Signed in as Anna Nowak (anna@zaklady.pl)');

  // On a desktop already linked, the link is said, not acted on.
  await admin.evaluate(`location.hash = ${JSON.stringify(enrolRouteHash({ server: 'https://inny.example.com', code: 'ABCDE-FGHJK-LMNPQ' }))}`);
  await expect(card.getByRole('status').filter({ hasText: 'An invitation link was opened for https://inny.example.com' })).toBeVisible();
  await card.getByRole('button', { name: 'Ignore the link' }).click();
  await expect(card.getByText('An invitation link was opened')).toHaveCount(0);
  await expect(card.getByTestId('company-server-account')).toHaveText('Signed in as Administrator (administrator@signet.invalid) (administrator)');
  expect(problems).toEqual([]);
  expect(employeeProblems).toEqual([]);
});
