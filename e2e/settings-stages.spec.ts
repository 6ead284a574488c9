import { expect, test, type Locator, type Page } from '@playwright/test';
import { openSection, watchForProblems } from './support/app';
import { demoBoardHost } from './support/demo-board';

/**
 * Settings → "Signing stages" against the browser host with demo data (three documents in Draft): a stage added after
 * Draft shows up as the board's second column, a rename and a recolour reach the board, a move within a step works and
 * one across steps is refused with its reason, the last stage of a step cannot be deleted, and deleting a stage that
 * holds a document asks where the document goes. Screenshots go to test-results/.
 */
const hostOf = demoBoardHost({}, 1100);

const supply = 'Umowa dostawy materiałów biurowych';
const legal = 'Weryfikacja prawna';

const stagesCard = (page: Page) => page.getByRole('region', { name: 'Signing stages' });
const stageNames = (page: Page) => stagesCard(page).locator('tbody .stages-name').allTextContents();
/** The list changes once the service has answered: polled, not read once. */
const firstStages = (page: Page, count: number) => expect.poll(async () => (await stageNames(page)).slice(0, count));
const columnNames = (page: Page) => page.locator('.board-column-name').allTextContents();
const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+ documents?$`) });
const announced = (page: Page, text: string) => expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();

async function openDialog(page: Page, button: string, title: string): Promise<Locator> {
  await stagesCard(page).getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('stages: add, rename, recolour, reorder within a step, delete with the documents moved; Polish', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await expect(column(page, 'Draft')).toBeVisible();
  await openSection(page, 'Settings');
  const card = stagesCard(page);
  await expect.poll(() => stageNames(page)).toEqual(['Draft', 'Waiting for company signature', 'Sent to counterparty', 'Signed', 'Archived', 'Declined', 'Cancelled', 'Expired']);
  // Exit stages stand apart from the flow: nothing is offered after them.
  await expect(card.getByRole('button', { name: 'Add a stage after Archived' })).toBeVisible();
  await expect(card.getByRole('button', { name: /^Add a stage after (Declined|Cancelled|Expired)$/ })).toHaveCount(0);

  // --- Add a stage after Draft: a draft stage, second in the list and on the board ------------------------------
  const add = await openDialog(page, 'Add a stage after Draft', 'A new stage after Draft');
  await add.getByRole('button', { name: 'Add stage' }).click();
  await expect(add.getByLabel('Name')).toHaveAccessibleDescription('Required.');
  await add.getByLabel('Name').fill(legal);
  await add.getByLabel('Colour code').fill('#7c3aed');
  await add.getByRole('button', { name: 'Add stage' }).click();
  await expect(add).toBeHidden();
  await announced(page, `Stage ${legal} added after Draft.`);
  await firstStages(page, 3).toEqual(['Draft', legal, 'Waiting for company signature']);
  const legalRow = card.getByRole('row', { name: new RegExp(legal) });
  await expect(legalRow).toContainText('Preparation');
  await expect(legalRow).toContainText('#7c3aed');

  // --- Rename and recolour "Sent to counterparty" --------------------------------------------------------------
  const rename = await openDialog(page, 'Rename Sent to counterparty', 'Rename Sent to counterparty');
  await expect(rename.getByLabel('Name')).toHaveValue('Sent to counterparty');
  await rename.getByLabel('Name').fill('Wysłano klientowi');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  await announced(page, 'Sent to counterparty is now called Wysłano klientowi.');
  const colour = await openDialog(page, 'Change the colour of Wysłano klientowi', 'Colour of Wysłano klientowi');
  await expect(colour.getByLabel('Colour code')).toHaveValue('#2563eb');
  await colour.getByLabel('Pick a colour').fill('#0ea5e9');
  await expect(colour.getByLabel('Colour code')).toHaveValue('#0ea5e9');
  await colour.getByRole('button', { name: 'Save' }).click();
  await expect(colour).toBeHidden();
  await expect(card.getByRole('row', { name: /Wysłano klientowi/ })).toContainText('#0ea5e9');
  // An empty name gives the default stage its translated name back; then the custom one again for the steps below.
  const reset = await openDialog(page, 'Rename Wysłano klientowi', 'Rename Wysłano klientowi');
  await expect(reset.getByLabel('Name')).toHaveAccessibleDescription('Leave it empty to use the default name, “Sent to counterparty”.');
  await reset.getByLabel('Name').fill('');
  await reset.getByRole('button', { name: 'Rename' }).click();
  await expect(reset).toBeHidden();
  await expect(card.getByRole('row', { name: /Sent to counterparty/ })).toBeVisible();
  const again = await openDialog(page, 'Rename Sent to counterparty', 'Rename Sent to counterparty');
  await again.getByLabel('Name').fill('Wysłano klientowi');
  await again.getByRole('button', { name: 'Rename' }).click();
  await expect(again).toBeHidden();

  // --- Within a step a stage moves; into another step it does not -----------------------------------------------
  await card.getByRole('button', { name: `Move ${legal} up` }).click();
  await firstStages(page, 2).toEqual([legal, 'Draft']);
  await announced(page, `${legal} moved to place 1 of 9.`);
  await card.getByRole('button', { name: `Move ${legal} down` }).click();
  await firstStages(page, 3).toEqual(['Draft', legal, 'Waiting for company signature']);
  const across = card.getByRole('button', { name: `Move ${legal} down` });
  await expect(across).toHaveAttribute('aria-disabled', 'true');
  await across.focus();
  await page.keyboard.press('Enter');
  await expect(card.getByRole('alert')).toHaveText('This order would put a stage before one of an earlier step of signing.');
  await firstStages(page, 3).toEqual(['Draft', legal, 'Waiting for company signature']);
  await stagesCard(page).screenshot({ path: 'test-results/settings-stages.png' });

  // --- The last stage of a step stays ---------------------------------------------------------------------------
  const lastOfStep = await openDialog(page, 'Delete Signed', 'Delete Signed?');
  await lastOfStep.getByRole('button', { name: 'Delete stage' }).click();
  await expect(lastOfStep.getByRole('alert')).toHaveText('Every step of signing needs at least one column.');
  await lastOfStep.getByRole('button', { name: 'Cancel' }).click();
  await expect(lastOfStep).toBeHidden();

  // --- The board: the new column right after Draft, the new name; a document moved into the new stage ------------
  await openSection(page, 'Sign & manage');
  await expect.poll(async () => (await columnNames(page)).slice(0, 4)).toEqual(['Draft', legal, 'Waiting for company signature', 'Wysłano klientowi']);
  await expect(column(page, 'Wysłano klientowi').locator('.board-column-header')).toHaveCSS('border-top-color', 'rgb(14, 165, 233)');
  await column(page, 'Draft').getByRole('button', { name: new RegExp(`^${supply}`) }).click();
  const panel = page.getByRole('dialog', { name: supply });
  await panel.getByLabel('Move to stage').selectOption({ label: legal });
  await panel.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(column(page, legal)).toHaveAccessibleName(`${legal} 1 document`);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // --- Deleting the stage that holds it asks where it goes ------------------------------------------------------
  await openSection(page, 'Settings');
  const remove = await openDialog(page, `Delete ${legal}`, `Delete ${legal}?`);
  await remove.getByRole('button', { name: 'Delete stage' }).click();
  const where = page.getByRole('dialog', { name: `Where should the documents in ${legal} go?` });
  await expect(where).toBeVisible();
  await expect(where.getByRole('group')).toHaveAccessibleName(`${legal} holds 1 document. Choose the stage it moves to:`);
  await expect(where.getByRole('radio')).toHaveCount(1);
  await where.getByRole('radio', { name: 'Draft' }).check();
  await where.screenshot({ path: 'test-results/settings-stages-delete.png' });
  await where.getByRole('button', { name: 'Move and delete' }).click();
  await expect(where).toBeHidden();
  await announced(page, `Documents moved to Draft; stage ${legal} deleted.`);
  await expect.poll(() => stageNames(page)).not.toContain(legal);
  await expect(page.getByRole('heading', { name: 'Signing stages' })).toBeFocused();

  await openSection(page, 'Sign & manage');
  await expect(column(page, 'Draft')).toHaveAccessibleName('Draft 3 documents');
  await expect(column(page, 'Draft').getByRole('button', { name: new RegExp(`^${supply}`) })).toBeVisible();
  await expect.poll(() => columnNames(page)).not.toContain(legal);

  // --- Polish ---------------------------------------------------------------------------------------------------
  await openSection(page, 'Settings');
  await page.getByRole('radio', { name: 'Polski' }).check();
  const polish = page.getByRole('region', { name: 'Etapy podpisywania' });
  await expect(polish.getByRole('row', { name: /Przygotowanie/ }).first()).toContainText('Przygotowanie');
  await expect(polish.getByRole('row', { name: /Czeka na podpis firmy/ })).toContainText('Podpis firmy');
  await expect(polish.getByRole('button', { name: 'Dodaj etap po etapie Przygotowanie' })).toBeVisible();
  // aria-disabled, so Playwright's click would wait for it to be enabled: the keyboard presses it as a person would.
  await polish.getByRole('button', { name: 'Przesuń etap Czeka na podpis firmy w górę' }).press('Enter');
  await expect(polish.getByRole('alert')).toHaveText('Ta kolejność postawiłaby etap przed etapem wcześniejszego kroku podpisywania.');
  await polish.screenshot({ path: 'test-results/settings-stages-pl.png' });

  expect(problems).toEqual([]);
});
