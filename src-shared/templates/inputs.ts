import { z } from 'zod';
import { requiredText } from '../text/schema-text';

const id = z.uuid({ error: 'validation.id' });

/** A template's name as people type it; unique in the company regardless of case and spacing (see `templateNameKey`). */
export const templateNameSchema = requiredText(100);

/** `templates.saveFromDocument`: any document (a Draft or one already sent) gives its file, field layout and roles. */
export const saveTemplateInput = z.object({ documentId: id, name: templateNameSchema });

export const renameTemplateInput = z.object({ id, name: templateNameSchema });

/**
 * `templates.startDraft`: a new Draft from a template. The counterparties are chosen each time; those given here (a
 * contact the wizard was opened for) take the template's counterparty places in order, the rest wait for step 2.
 */
export const startDraftInput = z.object({
  id,
  title: requiredText(300),
  counterpartyContactIds: z.array(id).max(20).default([]),
});

/**
 * What makes two names the same name: "Umowa  NDA" and "umowa nda" would be told apart only by someone looking
 * closely, so the store's unique key is the name in one Unicode form, spaces collapsed, lower-cased with the Polish
 * rules (Ł and ł are one letter, which SQLite's NOCASE does not know).
 */
export function templateNameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('pl');
}
