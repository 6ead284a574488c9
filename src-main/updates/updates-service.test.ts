import { EventEmitter } from 'node:events';
import { afterEach, expect, it } from 'vitest';
import { policySchema } from '../../src-shared/policy/policy';
import { refusalOf } from '../test-support/app-error';
import { startTestApp, type TestApp } from '../test-support/temp-services';
import { createUpdateController, type Updater } from './update-controller';
import { updatePlan, type InstallFacts } from './update-plan';

/*
 * Updates through the services (issue 10, item 5): the shell's factory gets the machine's policy, the calls answer
 * from it, and each step reaches the windows as an `updateStatus` event. electron-updater itself is exercised in
 * update-controller.test.ts; here it is an emitter playing a check that finds 0.2.0 and downloads it.
 */
let app: TestApp | undefined;
afterEach(() => app?.close());

const installed: InstallFacts = { platform: 'darwin', isPackaged: true, execDir: '/Applications/Signet.app/Contents/MacOS', productName: 'Signet', env: {}, exists: () => false, updateConfig: null };

class PlayedUpdater extends EventEmitter implements Updater {
  channel: string | null = null;
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  feed: unknown = null;
  installs = 0;
  setFeedURL(options: unknown) {
    this.feed = options;
  }
  checkForUpdates() {
    this.emit('checking-for-update');
    this.emit('update-available', { version: '0.2.0' });
    this.emit('download-progress', { percent: 42.7 });
    this.emit('update-downloaded', { version: '0.2.0' });
    return Promise.resolve(null);
  }
  quitAndInstall() {
    this.installs += 1;
  }
}

it('the policy\u2019s channel and feed reach the updater; each step is an event; the restart is refused until one is ready', async () => {
  const updater = new PlayedUpdater();
  const policy = policySchema.parse({ updates: { channel: 'beta', feedUrl: 'https://podpis.zaklady.pl/updates' } });
  app = await startTestApp({
    policy: { source: { kind: 'file', path: '/etc/signet/policy.json' }, policy, problems: [] },
    updates: ({ policy: state, log, onChange }) => createUpdateController({ plan: updatePlan(state.policy, installed), updater: () => updater, log, now: () => new Date('2026-12-04T09:00:00Z'), onChange }),
  });
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
  expect(await app.ok('updates.status', {})).toEqual({ state: 'idle', channel: 'beta' });
  expect(await refusalOf(app.call('updates.install', {}))).toMatchObject({ messageKey: 'updates.notReady' });
  expect(updater).toMatchObject({ channel: 'beta', allowDowngrade: false, autoDownload: true, feed: { provider: 'generic', url: 'https://podpis.zaklady.pl/updates', channel: 'beta' } });

  const { cursor } = await app.ok('events.wait', { after: -1, timeoutMs: 0 });
  expect(await app.ok('updates.check', {})).toEqual({ state: 'ready', channel: 'beta', version: '0.2.0' });
  const pushed = (await app.ok('events.wait', { after: cursor, timeoutMs: 0 })).events.flatMap((e) => (e.type === 'updateStatus' ? [e.status] : []));
  expect(pushed).toEqual([
    { state: 'checking', channel: 'beta' },
    { state: 'downloading', channel: 'beta', version: '0.2.0', percent: 0 },
    { state: 'downloading', channel: 'beta', version: '0.2.0', percent: 42 },
    { state: 'ready', channel: 'beta', version: '0.2.0' },
  ]);
  expect(await app.ok('updates.install', {})).toMatchObject({ state: 'ready' });
  expect(updater.installs).toBe(1);
});

it('turned off by the policy, the app says so and never makes an updater; by default (browser host) it is not installed', async () => {
  let made = 0;
  app = await startTestApp({
    policy: { source: { kind: 'file', path: '/etc/signet/policy.json' }, policy: policySchema.parse({ updates: { enabled: false } }), problems: [] },
    updates: ({ policy: state, log, onChange }) => createUpdateController({ plan: updatePlan(state.policy, installed), updater: () => (made++, new PlayedUpdater()), log, now: () => new Date(), onChange }),
  });
  expect(await app.ok('updates.check', {})).toEqual({ state: 'off', reason: 'policy' });
  expect(made).toBe(0);
  await app.close();
  // The browser host makes no updater at all: the policy's "off" still says why, and without one, why not.
  app = await startTestApp({ policy: { source: { kind: 'file', path: '/etc/signet/policy.json' }, policy: policySchema.parse({ updates: { enabled: false } }), problems: [] } });
  expect(await app.ok('updates.status', {})).toEqual({ state: 'off', reason: 'policy' });
  await app.close();
  app = await startTestApp();
  expect(await app.ok('updates.status', {})).toEqual({ state: 'off', reason: 'notInstalled' });
});
