import type { EditorOutput } from './field-editor/editor-state';

/** What step 3 stores for the editor's output, as text: compared with the last one stored to know what is not. */
export function fieldsKey(output: Pick<EditorOutput, 'layout' | 'values'>): string {
  return JSON.stringify([output.layout, output.values]);
}

/**
 * Whether leaving the fields step now would lose edits: the editor holds changes since it opened that are not what
 * the step last stored (`stored`, from `fieldsKey`; the wizard saves on Next, Back, "Save draft" and before
 * "Save as template", and the editor's own starting point does not move when it does).
 */
export function fieldsUnsaved(output: EditorOutput | null, stored: string | null): boolean {
  return output !== null && output.changed && fieldsKey(output) !== stored;
}

/**
 * Whether saving the step keeps them: not while the editor shows problems to fix, since the service would refuse
 * the layout (and "Save draft" then keeps what was stored). Only then is "Save and leave" offered.
 */
export function fieldsSavable(output: EditorOutput | null): boolean {
  return output !== null && output.issues.length === 0;
}
