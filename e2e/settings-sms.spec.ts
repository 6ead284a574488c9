import { expect, test } from '@playwright/test';
import { startWebhookStandIn, type WebhookStandIn } from '../src-main/delivery/sms/stand-ins/webhook-stand-in';
import { completeFirstRun, openSection, watchForProblems } from './support/app';
import { specHost } from './support/spec-host';

/**
 * SMS in Settings: the webhook provider pointed at a gateway stand-in this spec runs, a Polish test SMS counted in
 * UCS-2 segments as it is typed, and what the gateway received.
 */
const hostOf = specHost();
let gateway: WebhookStandIn;
test.beforeAll(async () => {
  gateway = await startWebhookStandIn({ token: 'gateway-token-e2e' });
});
test.afterAll(async () => {
  await gateway?.close();
});

const polish = 'Prośba o podpis: umowa nr 42 czeka na Państwa podpis w aplikacji Signet.';

test('sms: the webhook provider sends a Polish test SMS, counted in UCS-2 segments', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  await openSection(page, 'Settings');
  const card = page.getByRole('region', { name: 'SMS' });
  const provider = card.getByLabel('Provider');
  await expect(provider).toHaveValue('none');

  await provider.selectOption({ label: 'Own gateway (HTTP webhook)' });
  const address = card.getByLabel('Gateway address');
  // Plain http to another machine would carry the token in clear text: refused beside the field.
  await address.fill('http://gateway.example.com/sms');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(address).toHaveAccessibleDescription(/Enter an https:\/\/ address/);

  await address.fill(`${gateway.url}/sms`);
  const token = card.getByRole('textbox', { name: 'Bearer token' });
  await token.fill('gateway-token-e2e');
  await token.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'SMS settings saved.' })).toBeVisible();
  await expect(card.getByRole('textbox', { name: 'Bearer token' })).toHaveValue('');
  await expect(card.getByRole('textbox', { name: 'Bearer token' })).toHaveAccessibleDescription(/A token is stored in the keychain/);

  const test = card.getByRole('form', { name: 'Send a test SMS' });
  const text = test.getByLabel('Message');
  await text.fill('Dzien dobry');
  await expect(text).toHaveAccessibleDescription('Length 11 · GSM 7-bit · SMS: 1 · 149 more fit in the last one');
  await text.fill(polish);
  await expect(text).toHaveAccessibleDescription('Length 72 · UCS-2 (Unicode: Polish letters, emoji) · SMS: 2 · 62 more fit in the last one');

  const number = test.getByLabel('Phone number');
  await number.fill('601 23');
  await test.getByRole('button', { name: 'Send test SMS' }).click();
  await expect(number).toHaveAccessibleDescription(/Enter a valid phone number/);
  expect(gateway.messages).toHaveLength(0);

  await number.fill('601 234 567');
  await number.press('Enter');
  const result = test.getByTestId('sms-test-result');
  await expect(result).toContainText('The provider accepted the SMS to +48601234567');
  await expect(result).toContainText('SMS: 2, UCS-2');
  expect(gateway.messages).toEqual([{ id: expect.any(String), to: '+48601234567', text: polish, idempotencyKey: expect.any(String), encoding: 'ucs2', segments: 2 }]);
  await expect(result).toContainText(`(id ${gateway.messages[0]?.id})`);
  expect(gateway.received[0]?.headers.authorization).toBe('Bearer gateway-token-e2e');
  expect(gateway.problems).toEqual([]);

  // After a reload the settings are back, the token only as "stored".
  await page.reload();
  const again = page.getByRole('region', { name: 'SMS' });
  await expect(again.getByLabel('Provider')).toHaveValue('webhook');
  await expect(again.getByLabel('Gateway address')).toHaveValue(`${gateway.url}/sms`);
  await expect(again.getByRole('textbox', { name: 'Bearer token' })).toHaveValue('');
  expect(problems).toEqual([]);
});
