import { expect, test } from '@playwright/test';
import { completeFirstRun, openSection, watchForProblems } from './support/app';
import { specHost } from './support/spec-host';

/** The company's document numbering in Settings: the next number, a new scheme previewed as typed, a broken one refused. */
const hostOf = specHost();

test('numbering: the next number, a new scheme with its preview, and a scheme with two counters refused', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  await openSection(page, 'Settings');
  const card = page.getByRole('region', { name: 'Document numbering' });
  const now = new Date();
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  await expect(card.getByTestId('numbering-next')).toHaveText(`UM/${month}/0001`);

  const scheme = card.getByLabel('Numbering scheme');
  await expect(scheme).toHaveValue('UM/{yyyy}/{MM}/{n:4}');
  await scheme.fill('UM/{n}/{n}');
  await expect(scheme).toHaveAccessibleDescription(/Use \{yyyy\} for the year/);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(scheme).toHaveAccessibleDescription(/exactly one counter/);
  await expect(card.getByTestId('numbering-next')).toHaveText(`UM/${month}/0001`);

  await scheme.fill('NDA-{yyyy}-{n:3}');
  await expect(scheme).toHaveAccessibleDescription(`For example: NDA-${now.getUTCFullYear()}-001`);
  await scheme.press('Enter');
  await expect(card.getByTestId('numbering-next')).toHaveText(`NDA-${now.getUTCFullYear()}-001`);
  await expect(page.getByRole('status').filter({ hasText: 'Numbering saved.' })).toContainText(`The next document will be NDA-${now.getUTCFullYear()}-001.`);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Document numbering' }).getByLabel('Numbering scheme')).toHaveValue('NDA-{yyyy}-{n:3}');
  expect(problems).toEqual([]);
});
