import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { completeFirstRun } from './app';
import type { PortalWorld } from './portal-world';
import { callHost } from './rpc';

const sealPassword = 'hasło pieczęci serwera e2e';

/**
 * The desktop's first run, the company server started with a seal this desktop's CA issued (and whatever else the
 * spec gives it: an SMS provider), and this desktop linked to it.
 */
export async function linkDesktop(page: Page, url: string, world: PortalWorld, more: Parameters<PortalWorld['start']>[1] = {}): Promise<void> {
  await page.goto(url);
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  // The company CA is made in the background after the first run: the export waits for it.
  let exported: Awaited<ReturnType<typeof callHost<'identity.exportServerSeal'>>> | undefined;
  await expect
    .poll(async () => (exported = await callHost(url, 'identity.exportServerSeal', { password: sealPassword }).catch(() => undefined)) !== undefined, { timeout: 30_000, message: 'the company CA' })
    .toBe(true);
  const p12File = path.join(world.server.dataDir, 'server-seal.p12');
  fs.writeFileSync(p12File, Buffer.from(exported!.data, 'base64'));
  await world.start({ p12File, password: sealPassword }, more);
  await callHost(url, 'companyServer.pair', { url: world.url, code: world.server.pair(), deviceName: 'Sekretariat' });
}
