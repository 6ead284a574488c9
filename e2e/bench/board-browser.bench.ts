import { chromium, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
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
const commits: Partial<Record<Size, number[]>> = {};
const answers: Partial<Record<Size, number[]>> = {};
/** Each host's store, opened read-only beside it: the bench sees a move committed as soon as SQLite has it. */
const stores: Partial<Record<Size, Database.Database>> = {};

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  for (const [name, extra] of Object.entries(sizes) as [Size, number][]) {
    const host = new BrowserHost({ demo: true, demoDocuments: extra, startTimeoutMs: 60_000 });
    await host.start();
    hosts[name] = host;
    stores[name] = new Database(path.join(host.dataDir, 'signet.sqlite'), { readonly: true, fileMustExist: true });
    const page = await browser.newPage({ viewport: { width: 2400, height: 1000 } });
    await page.goto(host.url);
    await page.locator('[data-rfd-drag-handle-draggable-id]').first().waitFor();
    pages[name] = page;
  }
}, 180_000);

afterAll(async () => {
  const median = (xs: number[] | undefined) => [...(xs ?? [])].sort((a, b) => a - b)[Math.floor((xs ?? []).length / 2)] ?? NaN;
  const line = (what: string, times: Partial<Record<Size, number[]>>) => {
    const [small, large] = (Object.keys(sizes) as Size[]).map((n) => median(times[n]));
    return `keyboard drop → ${what} (median): 100 documents ${small!.toFixed(1)} ms, 10,000 documents ${large!.toFixed(1)} ms (${(large! / small!).toFixed(2)}×; goal ≤ 50 ms)`;
  };
  console.log(`\n${line('move committed in SQLite', commits)}\n${line('answer on the board', answers)}`);
  for (const store of Object.values(stores)) store.close();
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
        const to = page.locator('section.board-column').nth(forward ? 1 : 0);
        const card = from.locator('[data-rfd-drag-handle-draggable-id]').first();
        const id = (await card.getAttribute('data-rfd-drag-handle-draggable-id'))!;
        const target = (await to.getAttribute('data-stage-id'))!;
        await card.focus();
        await page.keyboard.press('Space');
        await page.keyboard.press(forward ? 'ArrowRight' : 'ArrowLeft');
        // The bench times the whole gesture; the drop alone is timed here twice: until SQLite holds the new stage (read
        // from the store file itself, as another process would see it), and until the board has the answer (it leaves
        // aria-busy then), which also counts the page's own rendering of the drop.
        const start = performance.now();
        const pressed = page.keyboard.press('Space');
        const stage = stores[name]!.prepare<[string], { stage_id: string }>('select stage_id from documents where id = ?');
        const deadline = start + 10_000;
        while (stage.get(id)?.stage_id !== target) {
          if (performance.now() > deadline) throw new Error(`the move of ${id} was not committed within 10 s`);
          await new Promise((resolve) => setImmediate(resolve));
        }
        (commits[name] ??= []).push(performance.now() - start);
        await pressed;
        await page.locator('[role="group"][aria-busy="true"]').waitFor({ state: 'detached' });
        (answers[name] ??= []).push(performance.now() - start);
        // The live refresh that follows puts the moved card at the head of its column; the next drag starts from there.
        await page.locator(`section[data-stage-id="${target}"] [aria-posinset="1"] [data-rfd-drag-handle-draggable-id="${id}"]`).waitFor();
        forward = !forward;
      },
      options,
    );
  }
});
