import { describe, expect, it } from 'vitest';
import { editorOutput, editorReducer, initEditor, type EditorAction } from './field-editor/editor-state';
import { fieldsKey, fieldsSavable, fieldsUnsaved } from './unsaved-fields';

const signers = [{ id: 'company-1', contact: { firstName: 'Anna', lastName: 'Nowak' } }, { id: 'counterparty-1' }];
const opened = () => initEditor({ pages: [{ width: 595, height: 842 }], signers });
const after = (...actions: EditorAction[]) => editorOutput(actions.reduce(editorReducer, opened()));
const placed: EditorAction = { type: 'place', kind: 'signature', page: 0, center: { x: 300, y: 400 } };

describe('what leaving the fields step would lose', () => {
  it('nothing before the editor has spoken, or when nothing changed since it opened', () => {
    expect(fieldsUnsaved(null, null)).toBe(false);
    expect(fieldsUnsaved(editorOutput(opened()), null)).toBe(false);
    expect(fieldsUnsaved(after(placed, { type: 'undo' }), null)).toBe(false);
  });

  it('a field placed and not stored; once the step stores it, nothing, until the next change', () => {
    const one = after(placed);
    expect(fieldsUnsaved(one, null)).toBe(true);
    const stored = fieldsKey(one);
    // Still "changed" for the editor (it opened empty), but that is what the Draft now has.
    expect(one.changed).toBe(true);
    expect(fieldsUnsaved(one, stored)).toBe(false);
    expect(fieldsUnsaved(after(placed, { type: 'nudge', id: 'field-1', dx: 1, dy: 0 }), stored)).toBe(true);
    // Moved back to where it was stored: nothing to lose again.
    expect(fieldsUnsaved(after(placed, { type: 'nudge', id: 'field-1', dx: 1, dy: 0 }, { type: 'nudge', id: 'field-1', dx: -1, dy: 0 }), stored)).toBe(false);
  });

  it('"Save and leave" only when the step can be saved: not with fields on top of each other', () => {
    expect(fieldsSavable(null)).toBe(false);
    expect(fieldsSavable(after(placed))).toBe(true);
    const overlapping = after(placed, { type: 'setActiveSigner', signerId: 'counterparty-1' }, placed);
    expect(overlapping.issues).not.toEqual([]);
    expect(fieldsSavable(overlapping)).toBe(false);
    expect(fieldsUnsaved(overlapping, null)).toBe(true);
  });
});
