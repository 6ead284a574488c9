import { expect, test, type Locator, type Page } from '@playwright/test';
import { openSection, watchForProblems } from './support/app';
import { demoBoardHost, demoTitles, dragWithMouse } from './support/demo-board';

/**
 * The Kanban board end to end, in Chromium against the browser host with demo data (three documents in Draft, each
 * with the administrator as company signer and one counterparty): a move by mouse and one by keyboard that survive a
 * reload, an illegal move refused and undone with its reason, the document panel, Polish labels, and no CSP violation
 * (@hello-pangea/dnd would inject inline <style> elements, which the policy refuses).
 */
const { supply, nda, msa } = demoTitles;
const hostOf = demoBoardHost({});

const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+ documents?$`) });
const card = (scope: Page | Locator, title: string) => scope.getByRole('button', { name: new RegExp(`^${title}`) });


/** Waits until every move sent to the main side has its answer (the board is aria-busy meanwhile). */
async function movesSaved(page: Page): Promise<void> {
  await expect(page.getByRole('group', { name: 'Signing stages' })).toHaveAttribute('aria-busy', 'false');
}

test('board: drag by mouse and keyboard, persisted; an illegal move is refused; the document panel; Polish', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.addInitScript(() => {
    type Violation = { violatedDirective: string; blockedURI: string; sourceFile: string; lineNumber: number };
    const g = globalThis as unknown as { cspViolations: string[]; addEventListener(type: string, listener: (e: Violation) => void): void };
    g.cspViolations = [];
    g.addEventListener('securitypolicyviolation', (e) => g.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  await page.goto(hostOf().url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign & manage' })).toBeVisible();

  const draft = column(page, 'Draft');
  const waiting = column(page, 'Waiting for company signature');
  const signed = column(page, 'Signed');
  await expect(draft).toHaveAccessibleName('Draft 3 documents');
  await expect(waiting).toHaveAccessibleName('Waiting for company signature 0 documents');
  // The column sums each currency; the card shows counterparty, amount, due date, next step and signer chips.
  const sums = draft.getByRole('list', { name: 'Totals by currency' });
  await expect(sums).toContainText('PLN 48,600.00');
  await expect(sums).toContainText('€120,000.00');
  const supplyCard = card(draft, supply);
  await expect(supplyCard).toContainText('UM/');
  await expect(supplyCard).toContainText('Agro-Lub Dostawy S.A.');
  await expect(supplyCard).toContainText('PLN 48,600.00');
  await expect(supplyCard).toContainText('Due Dec 15, 2026');
  await expect(supplyCard).toContainText('Ready to send');
  await expect(supplyCard).toContainText('Your turn');
  await expect(supplyCard).toContainText('Małgorzata Kowalczyk');
  await expect(supplyCard).toContainText('Waiting');
  // Screen readers are told how to drag with the keyboard, in the UI language.
  await expect(supplyCard).toHaveAccessibleDescription(/Press space to lift the document/);

  // --- With the mouse --------------------------------------------------------------------------------------------
  await dragWithMouse(page, supplyCard, waiting);
  await expect(card(waiting, supply)).toBeVisible();
  await expect(waiting).toHaveAccessibleName('Waiting for company signature 1 document');
  await movesSaved(page);
  await expect(card(waiting, supply)).toContainText('Your signature needed');

  // --- With the keyboard: space lifts, the right arrow goes to the next column, space drops ------------------------
  const ndaCard = card(draft, nda);
  await ndaCard.focus();
  await page.keyboard.press('Space');
  await expect(page.locator('body')).toHaveClass(/board-dragging/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(card(waiting, nda)).toBeVisible();
  await movesSaved(page);

  // --- Reload: both moves were saved ------------------------------------------------------------------------------
  await page.reload();
  await expect(waiting).toHaveAccessibleName('Waiting for company signature 2 documents');
  await expect(card(waiting, supply)).toBeVisible();
  await expect(card(waiting, nda)).toBeVisible();
  await expect(draft).toHaveAccessibleName('Draft 1 document');

  // --- An illegal move: nobody has signed, so the card cannot be "Signed" -------------------------------------------
  await dragWithMouse(page, card(draft, msa), signed);
  await expect(page.getByRole('alert')).toContainText('Not everyone has signed yet');
  await expect(card(draft, msa)).toBeVisible();
  await expect(card(signed, msa)).toHaveCount(0);
  await expect(signed).toHaveAccessibleName('Signed 0 documents');
  await expect(page.getByRole('status').filter({ hasText: `${msa} was not moved` })).toBeVisible();

  // --- The document panel ---------------------------------------------------------------------------------------
  await card(waiting, supply).click();
  const panel = page.getByRole('dialog', { name: supply });
  await expect(panel).toBeVisible();
  await expect(panel.locator('canvas').first()).toBeVisible({ timeout: 20_000 });
  const signers = panel.getByRole('region', { name: 'Signers' });
  await expect(signers).toContainText('Małgorzata Kowalczyk (Agro-Lub Dostawy S.A.)');
  await expect(signers).toContainText('Counterparty');
  const history = panel.getByRole('region', { name: /^History/ });
  await expect(history).toContainText('History intact');
  await expect(history).toContainText('Document created');
  await expect(history).toContainText('Moved from Draft to Waiting for company signature');
  await page.screenshot({ path: 'test-results/board-panel.png' });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Enter opens a card too; the move menu lists the stages, and its refusal is shown in the panel.
  await card(draft, msa).focus();
  await page.keyboard.press('Enter');
  const msaPanel = page.getByRole('dialog', { name: msa });
  await msaPanel.getByLabel('Move to stage').selectOption({ label: 'Sent to counterparty' });
  await msaPanel.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(msaPanel.getByRole('alert')).toContainText('The company has not signed yet');
  await page.keyboard.press('Escape');
  await page.screenshot({ path: 'test-results/board.png', fullPage: true });

  // --- Polish ---------------------------------------------------------------------------------------------------
  await openSection(page, 'Settings');
  await page.getByRole('radio', { name: 'Polski' }).check();
  await openSection(page, 'Podpisuj i zarządzaj');
  await expect(page.getByRole('region', { name: 'Przygotowanie 1 dokument' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Czeka na podpis firmy 2 dokumenty' })).toBeVisible();
  await expect(card(page, supply)).toContainText('Potrzebny Twój podpis');
  await expect(card(page, supply)).toContainText('48 600,00 zł');
  await expect(card(page, supply)).toHaveAccessibleDescription(/Naciśnij spację, aby podnieść dokument/);
  await page.screenshot({ path: 'test-results/board-pl.png', fullPage: true });

  const violations = await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations);
  expect(violations).toEqual([]);
  expect(problems).toEqual([]);
});
