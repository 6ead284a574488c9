import { expect, test } from '@playwright/test';
import { watchForProblems } from './support/app';
import { demoTitles } from './support/demo-board';
import { callHost } from './support/rpc';
import { specHost } from './support/spec-host';

/**
 * The signing screen's address (`#/sign/<id>`, as a signet://sign link opens it) for a Draft, in Chromium against the
 * demo browser host: the administrator is its company signer, but it was never sent, so the screen says so and offers
 * no Sign or Decline (the main side refuses both too: src-main/services/signing/signing.test.ts), in English and Polish.
 */
test.use({ viewport: { width: 1600, height: 1000 } });
const hostOf = specHost({ demo: true });

type Located = { location: { hash: string } };

test('a Draft opened at its signing address is "not sent for signing yet", with nothing to sign or decline', async ({ browser }) => {
  const url = hostOf().url;
  const info = await callHost(url, 'app.info', {});
  const { items } = await callHost(url, 'documents.list', { limit: 100 });
  const draft = items.find((d) => d.title === demoTitles.supply)!;
  expect(draft.phase).toBe('draft');
  expect(draft.signers.some((s) => s.side === 'company' && s.userId === info.user.id)).toBe(true);

  for (const [locale, notice, back] of [
    ['en-GB', 'This document has not been sent for signing yet: it can be signed once it is sent.', 'Back to the list'],
    ['pl-PL', 'Ten dokument nie został jeszcze wysłany do podpisu: będzie można go podpisać po wysłaniu.', 'Wróć do listy'],
  ] as const) {
    const context = await browser.newContext({ locale });
    try {
      const page = await context.newPage();
      const problems = watchForProblems(page);
      await page.goto(url);
      await page.getByRole('navigation').waitFor();
      await page.evaluate((hash) => {
        (globalThis as unknown as Located).location.hash = hash;
      }, `#/sign/${draft.id}`);
      await expect(page.getByRole('heading', { level: 1, name: demoTitles.supply })).toBeFocused();
      await expect(page.getByText(notice)).toBeVisible();
      await expect(page.getByRole('button', { name: /^(Sign|Podpisz)$/ })).toHaveCount(0);
      await expect(page.getByRole('button', { name: /^(Decline|Odrzuć)/ })).toHaveCount(0);
      await page.getByRole('button', { name: back }).click();
      await expect(page).not.toHaveURL(/#\/sign\//);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }
  expect((await callHost(url, 'documents.get', { id: draft.id })).phase).toBe('draft');
});
