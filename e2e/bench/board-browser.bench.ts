import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { BrowserHost } from '../support/host';

/**
 * The board as a person meets it, in Chromium through the browser host: from navigation to the first cards visible,
 * and from a keyboard drop to the move committed (the board leaves aria-busy when the main side has answered, after
 * SQLite committed). 10,000 documents against a 100-document store in the same run. Needs the build (`npm run bench`
 * builds first) and /usr/bin/chromium.
 */
const sizes = { '100 documents': 97, '10,000 documents': 9997 } as const;
type Size = keyof typeof sizes;
const hosts: Partial<Record<Size, BrowserHost>> = {};
const pages: Partial<Record<Size, Page>> = {};
let browser: Browser;
const drops: Partial<Record<Size, number[]>> = {};

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  for (const [name, extra] of Object.entries(sizes) as [Size, number][]) {
    const host = new BrowserHost({ demo: true, demoDocuments: extra, startTimeoutMs: 60_000 });
    await host.start();
    hosts[name] = host;
    const page = await browser.newPage({ viewport: { width: 2400, height: 1000 } });
    await page.goto(host.url);
    await page.locator('[data-rfd-drag-handle-draggable-id]').first().waitFor();
    pages[name] = page;
  }
}, 180_000);

afterAll(async () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const [small, large] = (Object.keys(sizes) as Size[]).map((n) => median(drops[n] ?? []));
  console.log(`\nkeyboard drop → move committed (median): 100 documents ${small!.toFixed(1)} ms, 10,000 documents ${large!.toFixed(1)} ms (${(large! / small!).toFixed(2)}×; goal ≤ 50 ms)`);
  await browser?.close();
  await Promise.all(Object.values(hosts).map((h) => h.dispose()));
});

const label = (name: Size) => (name === '100 documents' ? `baseline: ${name}` : name);
const options = { time: 3000, iterations: 5, warmupIterations: 1 };

describe('board: navigation → first cards visible', () => {
  for (const name of Object.keys(sizes) as Size[]) {
    bench(
      label(name),
      async () => {
        const page = pages[name]!;
        await page.goto(hosts[name]!.url);
        await page.locator('[data-rfd-drag-handle-draggable-id]').first().waitFor();
      },
      options,
    );
  }
});

describe('board: keyboard drop → move committed', () => {
  for (const name of Object.keys(sizes) as Size[]) {
    // The top Draft card goes to "Waiting for company signature" and back (legal both ways while nobody has signed):
    // a moved card heads its new column, so the same card is first in the column it is moved from each time.
    let forward = true;
    bench(
      label(name),
      async () => {
        const page = pages[name]!;
        const from = page.locator('section.board-column').nth(forward ? 0 : 1);
        await from.locator('[data-rfd-drag-handle-draggable-id]').first().focus();
        await page.keyboard.press('Space');
        await page.keyboard.press(forward ? 'ArrowRight' : 'ArrowLeft');
        // The bench times the whole gesture; the drop alone (drop → answered, hence committed) is timed here too.
        const start = performance.now();
        await page.keyboard.press('Space');
        // Answered (so committed) once the board is no longer busy with the move.
        await page.locator('[role="group"][aria-busy="true"]').waitFor({ state: 'detached' });
        (drops[name] ??= []).push(performance.now() - start);
        forward = !forward;
      },
      options,
    );
  }
});
