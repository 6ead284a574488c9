import { expect, test, type Locator, type Page } from '@playwright/test';
import type { BrowserHost, HostOptions } from './host';
import { specHost } from './spec-host';

/** The demo's three sample documents (src-main/services/demo/seed-demo.ts), all in Draft at the start. */
export const demoTitles = {
  supply: 'Umowa dostawy materiałów biurowych',
  nda: 'Umowa o zachowaniu poufności',
  msa: 'Master Service Agreement — Northwind',
} as const;

/**
 * One demo host for a spec file, started before its tests and removed after them, on a viewport wide enough for all
 * eight columns: on a narrower board the library scrolls it sideways as the pointer nears its edge (as it should for a
 * person), which would move the column under a scripted drop.
 */
export function demoBoardHost(options: HostOptions = {}, height = 1000): () => BrowserHost {
  test.use({ viewport: { width: 2400, height } });
  return specHost({ demo: true, ...options });
}

/** Opens the board's "View" dialog, lets `change` work in it, and closes it (every change there applies at once). */
export async function withView(page: Page, change: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: 'View', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Your board view' });
  await change(dialog);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();
}

/** A mouse drag as a person makes it: press, a few small steps past the library's click threshold, then across. */
export async function dragWithMouse(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + 40, { steps: 15 });
  await page.mouse.up();
}
