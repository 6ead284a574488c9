import { afterEach, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/temp-services';

/*
 * The managed policy in the running services (issue 10, item 4): what it locks is reported to the UI and refused
 * when changed, and a policy that could not be applied is reported with its problems while the app runs on.
 */
let app: TestApp | undefined;
afterEach(() => app?.close());

it('a locked language wins over the user\u2019s choice, shows as locked and cannot be changed', async () => {
  app = await startTestApp({ policy: { source: { kind: 'file', path: '/etc/signet/policy.json' }, policy: { locked: { language: 'pl' }, updates: { enabled: false } }, problems: [] } });
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
  expect(await app.ok('policy.get', {})).toEqual({ source: { kind: 'file', path: '/etc/signet/policy.json' }, locked: ['language', 'updates'], problems: [], updates: { enabled: false } });
  expect((await app.ok('app.info', {})).preferences).toEqual({ language: 'pl', locked: true });
  const refused = await app.call('settings.setLanguage', { language: 'en' });
  expect(refused.ok ? undefined : refused.error.messageKey).toBe('policy.locked');
});

it('a policy that could not be applied is reported, and nothing of it is locked', async () => {
  const problems = [{ where: '/etc/signet/policy.json: companyServerUrl', messageKey: 'validation.invalid' }];
  app = await startTestApp({ policy: { source: { kind: 'file', path: '/etc/signet/policy.json' }, policy: {}, problems } });
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
  expect(await app.ok('policy.get', {})).toMatchObject({ locked: [], problems });
  expect((await app.ok('settings.setLanguage', { language: 'en' })).language).toBe('en');
});
