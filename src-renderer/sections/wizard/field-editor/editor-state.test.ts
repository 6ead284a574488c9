import { describe, expect, it } from 'vitest';
import type { AutoFillContact } from '../../../../src-shared/fields/auto-fill';
import { fieldKinds } from '../../../../src-shared/fields/kinds';
import type { PageDimensions } from '../../../../src-shared/fields/layout';
import { checkFieldSize } from '../../../../src-shared/fields/size-limits';
import { canRedo, canUndo, editorOutput, editorReducer, historyLimit, initEditor, type EditorAction, type EditorState } from './editor-state';
import { defaultFieldSizes, resizeRect } from './field-geometry';

const a4: PageDimensions = { width: 595, height: 842 };
const letter: PageDimensions = { width: 612, height: 792 };
const kowalczyk: AutoFillContact = {
  firstName: 'Małgorzata',
  lastName: 'Kowalczyk',
  companyName: 'Agro-Lub Dostawy S.A.',
  taxId: '7792003347',
  email: 'm.kowalczyk@agro-lublin-demo.pl',
  phone: '+48815321020',
  country: 'PL',
};
const anna: AutoFillContact = { firstName: 'Anna Nowak', lastName: '', companyName: 'Zakłady Łódzkie Sp. z o.o.', email: 'anna@zaklady.pl' };
const signers = [
  { id: 'company-1', contact: anna },
  { id: 'counterparty-1', contact: kowalczyk },
];

function run(state: EditorState, ...actions: EditorAction[]): EditorState {
  return actions.reduce(editorReducer, state);
}
const fresh = () => initEditor({ pages: [a4, letter], signers });
const only = (state: EditorState) => state.fields[0]!;

describe('placing from the palette', () => {
  it('a keyboard placement lands centred on the point given (the middle of the visible page), selected, for the active signer', () => {
    const s = run(fresh(), { type: 'place', kind: 'signature', page: 0, center: { x: 297.5, y: 421 } });
    expect(s.fields).toEqual([{ id: 'field-1', kind: 'signature', page: 0, rect: { x: 207.5, y: 396, width: 180, height: 50 }, signerId: 'company-1', required: true }]);
    expect(s.selectedId).toBe('field-1');
    expect(editorOutput(s).issues).toEqual([]);
  });

  it('every kind starts at a size its limits allow', () => {
    for (const kind of fieldKinds) expect(checkFieldSize(kind, defaultFieldSizes[kind]), kind).toBeNull();
  });

  it('a field placed near an edge is moved inside the page, not cut', () => {
    const s = run(fresh(), { type: 'place', kind: 'signature', page: 1, center: { x: 610, y: 5 } });
    expect(only(s).rect).toEqual({ x: 432, y: 0, width: 180, height: 50 });
  });

  it('gives each field an id of its own, also after a layout is loaded', () => {
    const loaded = run(fresh(), { type: 'place', kind: 'text', page: 0, center: { x: 100, y: 100 } }, { type: 'place', kind: 'text', page: 0, center: { x: 100, y: 300 } });
    const again = initEditor({ pages: [a4], signers, layout: { fields: [...loaded.fields] } });
    const s = run(again, { type: 'place', kind: 'text', page: 0, center: { x: 100, y: 500 } });
    expect(s.fields.map((f) => f.id)).toEqual(['field-1', 'field-2', 'field-3']);
  });

  it('places for the signer chosen in the palette, and only for a signer of the document', () => {
    const s = run(fresh(), { type: 'setActiveSigner', signerId: 'counterparty-1' }, { type: 'setActiveSigner', signerId: 'nobody' }, { type: 'place', kind: 'initials', page: 0, center: { x: 100, y: 100 } });
    expect(only(s).signerId).toBe('counterparty-1');
    const none = initEditor({ pages: [a4], signers: [] });
    expect(run(none, { type: 'place', kind: 'text', page: 0, center: { x: 1, y: 1 } }).fields).toEqual([]);
    expect(run(fresh(), { type: 'place', kind: 'text', page: 5, center: { x: 1, y: 1 } }).fields).toEqual([]);
  });
});

describe('moving and resizing', () => {
  const placed = () => run(fresh(), { type: 'place', kind: 'signature', page: 0, center: { x: 297.5, y: 421 } });

  it('arrows nudge by the points given (1, or 10 with Shift), up being up on the page', () => {
    const s = run(placed(), { type: 'nudge', id: 'field-1', dx: 1, dy: 0 }, { type: 'nudge', id: 'field-1', dx: 0, dy: -10 }, { type: 'nudge', id: 'field-1', dx: -10, dy: 1 });
    expect(only(s).rect).toEqual({ x: 198.5, y: 405, width: 180, height: 50 });
  });

  it('a nudge stops at the page edge, and one that changes nothing is not an undo step', () => {
    let s = run(placed(), { type: 'setRect', id: 'field-1', rect: { x: 0, y: 0, width: 180, height: 50 } });
    const steps = s.past.length;
    s = run(s, { type: 'nudge', id: 'field-1', dx: -10, dy: 10 });
    expect(only(s).rect).toEqual({ x: 0, y: 0, width: 180, height: 50 });
    expect(s.past.length).toBe(steps);
    s = run(s, { type: 'nudge', id: 'field-1', dx: 10_000, dy: -10_000 });
    expect(only(s).rect).toEqual({ x: 415, y: 792, width: 180, height: 50 });
  });

  it('a dragged rectangle is fitted: size within the kind’s limits, then moved inside the page', () => {
    const s = run(placed(), { type: 'setRect', id: 'field-1', rect: { x: 580, y: -20, width: 900, height: 5 } });
    expect(only(s).rect).toEqual({ x: 95, y: 0, width: 500, height: 20 });
  });

  it('resizing by a corner keeps the opposite corner and stops at the size limits and the page', () => {
    const rect = { x: 100, y: 100, width: 180, height: 50 };
    // South-east: right edge out, bottom edge down (y shrinks on the page), top-left corner fixed.
    expect(resizeRect('signature', rect, 'se', 20, 10, a4)).toEqual({ x: 100, y: 90, width: 200, height: 60 });
    // North-west shrunk past the minimum: stops at 60×20 with the bottom-right corner where it was.
    expect(resizeRect('signature', rect, 'nw', 500, 500, a4)).toEqual({ x: 220, y: 100, width: 60, height: 20 });
    // Grown beyond the page's left and bottom edges: stops at them.
    expect(resizeRect('signature', rect, 'sw', -300, 300, a4)).toEqual({ x: 0, y: 0, width: 280, height: 150 });
    // A checkbox stays square-ish however it is pulled.
    const box = resizeRect('checkbox', { x: 10, y: 10, width: 14, height: 14 }, 'se', 16, 0, a4);
    expect(box.width).toBe(30);
    expect(checkFieldSize('checkbox', box)).toBeNull();
  });

  it('the keyboard resize moves the bottom-right corner and is clamped the same way', () => {
    const s = run(placed(), { type: 'resize', id: 'field-1', handle: 'se', dx: -200, dy: -100 });
    expect(only(s).rect).toEqual({ x: 207.5, y: 426, width: 60, height: 20 });
    expect(editorOutput(s).issues).toEqual([]);
  });
});

describe('properties and auto-fill from the contact', () => {
  it('a company-name field for the counterparty is filled from their contact; the value stays editable', () => {
    let s = run(fresh(), { type: 'setActiveSigner', signerId: 'counterparty-1' }, { type: 'place', kind: 'companyName', page: 0, center: { x: 300, y: 300 } });
    expect(only(s)).toMatchObject({ source: 'companyName', signerId: 'counterparty-1' });
    expect(s.values).toEqual({ 'field-1': 'Agro-Lub Dostawy S.A.' });
    s = run(s, { type: 'setValue', id: 'field-1', value: 'Agro-Lub Dostawy S.A. (Oddział Lublin)' });
    expect(editorOutput(s).values).toEqual({ 'field-1': 'Agro-Lub Dostawy S.A. (Oddział Lublin)' });
  });

  it('fills name, company, tax ID, e-mail and phone from the chosen signer’s contact', () => {
    const kinds = ['fullName', 'companyName', 'taxId', 'email', 'phone'] as const;
    let s = run(fresh(), { type: 'setActiveSigner', signerId: 'counterparty-1' });
    kinds.forEach((kind, i) => (s = run(s, { type: 'place', kind, page: 0, center: { x: 300, y: 100 + 40 * i } })));
    expect(editorOutput(s).values).toEqual({ 'field-1': 'Małgorzata Kowalczyk', 'field-2': 'Agro-Lub Dostawy S.A.', 'field-3': '7792003347', 'field-4': 'm.kowalczyk@agro-lublin-demo.pl', 'field-5': '+48815321020' });
  });

  it('a text field takes any source chosen for it; another signer brings their own value, a typed one stays', () => {
    let s = run(fresh(), { type: 'place', kind: 'text', page: 0, center: { x: 300, y: 300 } });
    expect(only(s).source).toBeUndefined();
    expect(s.values).toEqual({});
    s = run(s, { type: 'setSource', id: 'field-1', source: 'companyName' });
    expect(s.values['field-1']).toBe('Zakłady Łódzkie Sp. z o.o.');
    s = run(s, { type: 'assign', id: 'field-1', signerId: 'counterparty-1' });
    expect(s.values['field-1']).toBe('Agro-Lub Dostawy S.A.');
    s = run(s, { type: 'setValue', id: 'field-1', value: 'Agro-Lub' }, { type: 'assign', id: 'field-1', signerId: 'company-1' });
    expect(s.values['field-1']).toBe('Agro-Lub');
    // A source a kind cannot have is refused; leaving auto-fill keeps the text.
    expect(run(s, { type: 'setSource', id: 'field-1', source: 'shoeSize' as never })).toBe(s);
    s = run(s, { type: 'setSource', id: 'field-1', source: null });
    expect(only(s).source).toBeUndefined();
    expect(s.values['field-1']).toBe('Agro-Lub');
  });

  it('required and label change; a value the field refuses is reported on that field and not output', () => {
    let s = run(fresh(), { type: 'setActiveSigner', signerId: 'counterparty-1' }, { type: 'place', kind: 'taxId', page: 0, center: { x: 300, y: 300 } });
    s = run(s, { type: 'setRequired', id: 'field-1', required: false }, { type: 'setLabel', id: 'field-1', label: 'NIP' }, { type: 'setValue', id: 'field-1', value: '7792003348' });
    expect(only(s)).toMatchObject({ required: false, label: 'NIP' });
    const out = editorOutput(s);
    expect(out.values).toEqual({});
    expect(out.issuesByField).toEqual({ 'field-1': [{ about: 'value', messageKey: 'validation.nip' }] });
    expect(run(s, { type: 'setLabel', id: 'field-1', label: '  ' }).fields[0]).not.toHaveProperty('label');
  });

  it('fields of two signers on top of each other are reported, as the service would refuse them', () => {
    const s = run(
      fresh(),
      { type: 'place', kind: 'signature', page: 0, center: { x: 300, y: 300 } },
      { type: 'setActiveSigner', signerId: 'counterparty-1' },
      { type: 'place', kind: 'signature', page: 0, center: { x: 320, y: 310 } },
    );
    expect(editorOutput(s).issuesByField).toEqual({ 'field-2': [{ about: 'layout', messageKey: 'validation.fieldsOverlap' }] });
    expect(editorOutput(s).issues).toEqual([{ path: 'fields.1.rect', messageKey: 'validation.fieldsOverlap' }]);
  });
});

describe('auto-fill when a stored layout is opened', () => {
  const wiśniewski: AutoFillContact = { firstName: 'Tomasz', lastName: 'Wiśniewski', companyName: 'Wiśniewski i Synowie Sp.j.', email: 'tomasz@wisniewski-demo.pl', country: 'PL' };
  /** The counterparty's name, company, tax ID and e-mail, each following the contact, as placed in the editor. */
  const placedFor = (contact: AutoFillContact) => {
    let s = run(initEditor({ pages: [a4], signers: [signers[0]!, { id: 'counterparty-1', contact }] }), { type: 'setActiveSigner', signerId: 'counterparty-1' });
    (['fullName', 'companyName', 'taxId', 'email'] as const).forEach((kind, i) => (s = run(s, { type: 'place', kind, page: 0, center: { x: 300, y: 100 + 60 * i } })));
    return editorOutput(s);
  };
  const reopened = (saved: ReturnType<typeof editorOutput>, values: Record<string, string>, contact: AutoFillContact) =>
    initEditor({ pages: [a4], signers: [signers[0]!, { id: 'counterparty-1', contact }], layout: saved.layout, values });

  it('a Draft from a template (its counterparty places saved without values) opens with the chosen contact’s details, as no change', () => {
    const s = reopened(placedFor(kowalczyk), {}, kowalczyk);
    expect(s.values).toEqual({ 'field-1': 'Małgorzata Kowalczyk', 'field-2': 'Agro-Lub Dostawy S.A.', 'field-3': '7792003347', 'field-4': 'm.kowalczyk@agro-lublin-demo.pl' });
    expect(editorOutput(s).changed).toBe(false);
    expect(canUndo(s)).toBe(false);
  });

  it('another contact in the same place (step 2): the auto-filled values follow them, one they lack is left empty, not the previous one’s', () => {
    const saved = placedFor(kowalczyk);
    const s = reopened(saved, saved.values as Record<string, string>, wiśniewski);
    // Wiśniewski has no tax ID: Kowalczyk's NIP must not stay on his document.
    expect(s.values).toEqual({ 'field-1': 'Tomasz Wiśniewski', 'field-2': 'Wiśniewski i Synowie Sp.j.', 'field-4': 'tomasz@wisniewski-demo.pl' });
    expect(s.fields.map((f) => f.source)).toEqual(['fullName', 'companyName', 'taxId', 'email']);
  });

  it('a value the preparer typed is theirs: it stops following the contact and stays when another contact takes the place', () => {
    let s = run(reopened(placedFor(kowalczyk), {}, kowalczyk), { type: 'setValue', id: 'field-2', value: 'Agro-Lub Dostawy S.A. (Oddział Lublin)' });
    expect(s.fields[1]).not.toHaveProperty('source');
    // Typing the contact's own text again keeps it following the contact.
    s = run(s, { type: 'setValue', id: 'field-1', value: 'Małgorzata Kowalczyk' });
    expect(s.fields[0]).toMatchObject({ source: 'fullName' });
    const saved = editorOutput(s);
    const again = reopened(saved, saved.values as Record<string, string>, wiśniewski);
    expect(again.values['field-1']).toBe('Tomasz Wiśniewski');
    expect(again.values['field-2']).toBe('Agro-Lub Dostawy S.A. (Oddział Lublin)');
    // Undone, the field follows the contact again.
    expect(run(s, { type: 'undo' }).fields[1]).toMatchObject({ source: 'companyName' });
  });

  it('fields without a source keep what was stored; with no contact record to follow, an auto-fill field is left empty', () => {
    const text = run(fresh(), { type: 'place', kind: 'text', page: 0, center: { x: 300, y: 300 } }, { type: 'place', kind: 'companyName', page: 0, center: { x: 300, y: 500 } });
    const s = initEditor({ pages: [a4, letter], signers: [{ id: 'company-1' }], layout: { fields: [...text.fields] }, values: { 'field-1': 'Uwagi', 'field-2': 'Stara nazwa' } });
    expect(s.values).toEqual({ 'field-1': 'Uwagi' });
  });
});

describe('undo and redo', () => {
  it('undo walks back place, nudge and delete one step at a time, redo forward again, with the selection', () => {
    const placed = run(fresh(), { type: 'place', kind: 'signature', page: 0, center: { x: 297.5, y: 421 } });
    const nudged = run(placed, { type: 'nudge', id: 'field-1', dx: 0, dy: -1 }, { type: 'nudge', id: 'field-1', dx: 10, dy: 0 });
    const removed = run(nudged, { type: 'remove', id: 'field-1' });
    expect(removed.fields).toEqual([]);

    let s = run(removed, { type: 'undo' });
    expect(only(s).rect).toEqual({ x: 217.5, y: 397, width: 180, height: 50 });
    expect(s.selectedId).toBe('field-1');
    s = run(s, { type: 'undo' }, { type: 'undo' });
    expect(only(s).rect).toEqual(only(placed).rect);
    s = run(s, { type: 'undo' });
    expect(s.fields).toEqual([]);
    expect(canUndo(s)).toBe(false);
    expect(run(s, { type: 'undo' })).toBe(s);

    s = run(s, { type: 'redo' }, { type: 'redo' });
    expect(only(s).rect).toEqual({ x: 207.5, y: 397, width: 180, height: 50 });
    s = run(s, { type: 'redo' }, { type: 'redo' });
    expect(s.fields).toEqual([]);
    expect(canRedo(s)).toBe(false);
  });

  it('a new change after an undo drops the steps that were undone', () => {
    let s = run(fresh(), { type: 'place', kind: 'text', page: 0, center: { x: 300, y: 300 } }, { type: 'nudge', id: 'field-1', dx: 5, dy: 0 }, { type: 'undo' });
    expect(canRedo(s)).toBe(true);
    s = run(s, { type: 'setRequired', id: 'field-1', required: true });
    expect(canRedo(s)).toBe(false);
    expect(only(s).rect.x).toBe(210);
  });

  it('typing into one box is one step; selecting is no step at all', () => {
    let s = run(fresh(), { type: 'place', kind: 'text', page: 0, center: { x: 300, y: 300 } });
    const before = s.past.length;
    for (const text of ['U', 'Uw', 'Uwa', 'Uwagi']) s = run(s, { type: 'setValue', id: 'field-1', value: text });
    s = run(s, { type: 'select', id: null }, { type: 'select', id: 'field-1' });
    expect(s.past.length).toBe(before + 1);
    s = run(s, { type: 'undo' });
    expect(s.values).toEqual({});
    // After another kind of step, typing again is a new step.
    s = run(s, { type: 'redo' }, { type: 'setLabel', id: 'field-1', label: 'Uwagi' }, { type: 'setValue', id: 'field-1', value: 'Uwagi!' }, { type: 'undo' });
    expect(s.values['field-1']).toBe('Uwagi');
  });

  it(`keeps the last ${historyLimit} steps`, () => {
    let s = run(fresh(), { type: 'place', kind: 'text', page: 0, center: { x: 100, y: 100 } });
    for (let i = 0; i < historyLimit + 20; i++) s = run(s, { type: 'nudge', id: 'field-1', dx: 1, dy: 0 });
    expect(s.past.length).toBe(historyLimit);
    for (let i = 0; i < historyLimit + 20; i++) s = run(s, { type: 'undo' });
    expect(only(s).rect.x).toBe(30);
  });
});

describe('whether there is anything to lose', () => {
  const loaded = () => {
    const placed = run(fresh(), { type: 'place', kind: 'text', page: 0, center: { x: 300, y: 300 } }, { type: 'setValue', id: 'field-1', value: 'Uwagi' });
    return initEditor({ pages: [a4, letter], signers, layout: { fields: [...placed.fields] }, values: { 'field-1': 'Uwagi' } });
  };
  const changed = (s: EditorState) => editorOutput(s).changed;

  it('nothing when opened, selected or the active signer switched', () => {
    expect(changed(loaded())).toBe(false);
    expect(changed(run(loaded(), { type: 'select', id: 'field-1' }, { type: 'setActiveSigner', signerId: 'counterparty-1' }))).toBe(false);
  });

  it('a field placed, moved, changed or removed, or a value changed', () => {
    expect(changed(run(loaded(), { type: 'place', kind: 'signature', page: 1, center: { x: 300, y: 300 } }))).toBe(true);
    expect(changed(run(loaded(), { type: 'nudge', id: 'field-1', dx: 1, dy: 0 }))).toBe(true);
    expect(changed(run(loaded(), { type: 'setRequired', id: 'field-1', required: true }))).toBe(true);
    expect(changed(run(loaded(), { type: 'remove', id: 'field-1' }))).toBe(true);
    expect(changed(run(loaded(), { type: 'setValue', id: 'field-1', value: 'Uwagi!' }))).toBe(true);
  });

  it('nothing once the changes are undone, moved back, or typed and erased again', () => {
    expect(changed(run(loaded(), { type: 'nudge', id: 'field-1', dx: 5, dy: 0 }, { type: 'remove', id: 'field-1' }, { type: 'undo' }, { type: 'undo' }))).toBe(false);
    expect(changed(run(loaded(), { type: 'nudge', id: 'field-1', dx: 5, dy: 0 }, { type: 'nudge', id: 'field-1', dx: -5, dy: 0 }))).toBe(false);
    const empty = initEditor({ pages: [a4], signers, layout: { fields: [...loaded().initial.fields] } });
    expect(changed(run(empty, { type: 'setValue', id: 'field-1', value: 'x' }, { type: 'setValue', id: 'field-1', value: '' }))).toBe(false);
    // Undone to the start and redone: changed again.
    expect(changed(run(loaded(), { type: 'nudge', id: 'field-1', dx: 5, dy: 0 }, { type: 'undo' }, { type: 'redo' }))).toBe(true);
  });
});
