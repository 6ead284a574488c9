import type { ValidationIssue } from '../../../../src-shared/contract/errors';
import { contactSourceText, type AutoFillContact } from '../../../../src-shared/fields/auto-fill';
import { checkPresetValues } from '../../../../src-shared/fields/document-fields';
import { allowedSources, defaultDateSignedFormat, type FieldKind, type FieldSource } from '../../../../src-shared/fields/kinds';
import { checkLayout, type FieldLayout, type LayoutWarning, type PageDimensions } from '../../../../src-shared/fields/layout';
import type { FieldPlacement, FieldRect } from '../../../../src-shared/fields/placement';
import type { FieldValues } from '../../../../src-shared/fields/values';
import { fitRect, moveRect, rectAround, resizeRect, sameRect, type Handle } from './field-geometry';

/** A value as the preparer typed it (a checkbox's tick as a boolean); normalised by `editorOutput`. */
export type DraftValue = string | boolean;

/** What one undo step restores. */
export interface EditorDoc {
  fields: readonly FieldPlacement[];
  values: Readonly<Record<string, DraftValue>>;
  selectedId: string | null;
}

export interface EditorSignerInfo {
  id: string;
  contact?: AutoFillContact | undefined;
}

export interface EditorState extends EditorDoc {
  pages: readonly PageDimensions[];
  signers: readonly EditorSignerInfo[];
  /** Who fields placed from the palette are for. */
  activeSignerId: string | null;
  past: readonly EditorDoc[];
  future: readonly EditorDoc[];
  /** Steps of the same group in a row are one undo step: typing a label is one change, not one per letter. */
  lastGroup: string | null;
  nextNumber: number;
  /** The fields and values the editor opened with: what closing without saving would keep. */
  initial: EditorDoc;
}

/** Enough to undo a whole session's slips; an unbounded stack would keep every keystroke of a long session alive. */
export const historyLimit = 100;

export type EditorAction =
  | { type: 'place'; kind: FieldKind; page: number; center: { x: number; y: number } }
  /** The end of a mouse move or resize: the rectangle as dragged, fitted to the page. */
  | { type: 'setRect'; id: string; rect: FieldRect }
  /** Points as seen on screen: dy > 0 moves down. */
  | { type: 'nudge'; id: string; dx: number; dy: number }
  | { type: 'resize'; id: string; handle: Handle; dx: number; dy: number }
  | { type: 'remove'; id: string }
  | { type: 'select'; id: string | null }
  | { type: 'assign'; id: string; signerId: string }
  | { type: 'setRequired'; id: string; required: boolean }
  | { type: 'setLabel'; id: string; label: string }
  | { type: 'setValue'; id: string; value: DraftValue }
  | { type: 'setSource'; id: string; source: FieldSource | null }
  | { type: 'setActiveSigner'; signerId: string }
  | { type: 'undo' }
  | { type: 'redo' };

export interface EditorInit {
  pages: readonly PageDimensions[];
  signers: readonly EditorSignerInfo[];
  layout?: FieldLayout | undefined;
  values?: FieldValues | undefined;
}

/**
 * The editor over a stored layout. A field with an auto-fill source holds its signer's contact detail, whatever was
 * stored for it: the source is the mark of a value that follows the contact (typing another value drops it, see
 * `setValue`), so a Draft started from a template (no counterparty values) or whose counterparty was changed in
 * step 2 (the previous contact's values, under the same place) opens with the current contact's, and a detail the
 * contact lacks is left empty rather than showing someone else's. That is the editor's starting point, not a change.
 */
export function initEditor({ pages, signers, layout, values }: EditorInit): EditorState {
  const fields = layout?.fields ?? [];
  const draft: Record<string, DraftValue> = {};
  for (const [id, value] of Object.entries(values ?? {})) draft[id] = typeof value === 'number' ? String(value) : value;
  for (const field of fields) {
    if (field.source === undefined) continue;
    const text = autoFilled({ signers }, field);
    if (text === undefined) delete draft[field.id];
    else draft[field.id] = text;
  }
  const numbers = fields.map((f) => Number(/^field-(\d+)$/.exec(f.id)?.[1] ?? 0));
  return {
    pages,
    signers,
    fields,
    values: draft,
    selectedId: null,
    activeSignerId: signers[0]?.id ?? null,
    past: [],
    future: [],
    lastGroup: null,
    nextNumber: Math.max(0, ...numbers) + 1,
    initial: { fields, values: draft, selectedId: null },
  };
}

/** Kinds the signer usually must fill; free text, numbers and ticks are often optional. */
const optionalByDefault: readonly FieldKind[] = ['text', 'number', 'checkbox'];

/** A kind that can only come from one contact field (company, tax ID…) is filled from it from the start. */
function defaultSource(kind: FieldKind): FieldSource | undefined {
  const sources = allowedSources[kind];
  return kind !== 'text' && sources.length === 1 ? sources[0] : undefined;
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'undo': {
      const previous = state.past.at(-1);
      if (!previous) return state;
      return { ...state, ...previous, past: state.past.slice(0, -1), future: [...state.future, docOf(state)], lastGroup: null };
    }
    case 'redo': {
      const next = state.future.at(-1);
      if (!next) return state;
      return { ...state, ...next, past: [...state.past, docOf(state)].slice(-historyLimit), future: state.future.slice(0, -1), lastGroup: null };
    }
    case 'select':
      if (action.id !== null && !state.fields.some((f) => f.id === action.id)) return state;
      return state.selectedId === action.id ? state : { ...state, selectedId: action.id, lastGroup: null };
    case 'setActiveSigner':
      return state.signers.some((s) => s.id === action.signerId) ? { ...state, activeSignerId: action.signerId } : state;
    case 'place':
      return place(state, action);
    default:
      return editField(state, action);
  }
}

function place(state: EditorState, action: Extract<EditorAction, { type: 'place' }>): EditorState {
  const page = state.pages[action.page];
  const signerId = state.activeSignerId;
  if (!page || signerId === null) return state;
  const id = `field-${state.nextNumber}`;
  const source = defaultSource(action.kind);
  const field = {
    id,
    kind: action.kind,
    page: action.page,
    rect: rectAround(action.kind, action.center, page),
    signerId,
    required: !optionalByDefault.includes(action.kind),
    ...(source ? { source } : {}),
    ...(action.kind === 'dateSigned' ? { dateFormat: defaultDateSignedFormat } : {}),
  } as FieldPlacement;
  const filled = autoFilled(state, field);
  const values = filled === undefined ? state.values : { ...state.values, [id]: filled };
  return { ...commit(state, { fields: [...state.fields, field], values, selectedId: id }, null), nextNumber: state.nextNumber + 1 };
}

type FieldAction = Exclude<EditorAction, { type: 'undo' | 'redo' | 'select' | 'setActiveSigner' | 'place' }>;

function editField(state: EditorState, action: FieldAction): EditorState {
  const field = state.fields.find((f) => f.id === action.id);
  if (!field) return state;
  const page = state.pages[field.page];

  if (action.type === 'remove') {
    const { [field.id]: _removed, ...values } = state.values;
    return commit(state, { fields: state.fields.filter((f) => f !== field), values, selectedId: null }, null);
  }

  let changed: FieldPlacement = field;
  let value: DraftValue | undefined = state.values[field.id];
  let group: string | null = null;
  switch (action.type) {
    case 'setRect':
      if (page) changed = { ...field, rect: fitRect(field.kind, action.rect, page) };
      break;
    case 'nudge':
      if (page) changed = { ...field, rect: moveRect(field.rect, action.dx, action.dy, page) };
      break;
    case 'resize':
      if (page) changed = { ...field, rect: resizeRect(field.kind, field.rect, action.handle, action.dx, action.dy, page) };
      break;
    case 'assign': {
      if (!state.signers.some((s) => s.id === action.signerId)) return state;
      changed = { ...field, signerId: action.signerId };
      // What the old signer's contact filled in becomes the new signer's; what the preparer typed stays.
      if (value === undefined || value === '' || value === autoFilled(state, field)) value = autoFilled(state, changed) ?? undefined;
      break;
    }
    case 'setRequired':
      changed = { ...field, required: action.required };
      break;
    case 'setLabel': {
      const { label: _old, ...rest } = field;
      // Kept as typed (a space before the next word); the layout check trims it.
      changed = (action.label.trim() ? { ...rest, label: action.label } : rest) as FieldPlacement;
      group = `label:${field.id}`;
      break;
    }
    case 'setValue':
      value = action.value;
      group = `value:${field.id}`;
      // A value other than the contact's is the preparer's own: it no longer follows the contact (see `initEditor`).
      if (field.source !== undefined && value !== autoFilled(state, field)) {
        const { source: _auto, ...typed } = field;
        changed = typed as FieldPlacement;
      }
      break;
    case 'setSource': {
      if (action.source !== null && !allowedSources[field.kind].includes(action.source)) return state;
      const { source: _old, ...rest } = field;
      changed = (action.source === null ? rest : { ...rest, source: action.source }) as FieldPlacement;
      // Choosing a source fills the value from it; leaving auto-fill keeps the text, now the preparer's own.
      if (action.source !== null) value = autoFilled(state, changed) ?? value;
      break;
    }
  }

  // A step that changes nothing (a nudge against the page's edge) is not an undo step.
  if (samePlacement(changed, field) && value === state.values[field.id]) return state;
  const values = { ...state.values };
  if (value === undefined) delete values[field.id];
  else values[field.id] = value;
  return commit(state, { fields: state.fields.map((f) => (f === field ? changed : f)), values, selectedId: field.id }, group);
}

function samePlacement(a: FieldPlacement, b: FieldPlacement): boolean {
  const keys = Object.keys(a) as (keyof FieldPlacement)[];
  return keys.length === Object.keys(b).length && keys.every((k) => (k === 'rect' ? sameRect(a.rect, b.rect) : a[k] === b[k]));
}

/** The text this field gets from its signer's contact, when it has a source and the contact has that detail. */
function autoFilled({ signers }: Pick<EditorState, 'signers'>, field: FieldPlacement): string | undefined {
  const contact = signers.find((s) => s.id === field.signerId)?.contact;
  return field.source && contact ? contactSourceText(contact, field.source) : undefined;
}

function docOf(state: EditorState): EditorDoc {
  return { fields: state.fields, values: state.values, selectedId: state.selectedId };
}

/** A new current document; the old one goes on the undo stack unless this step continues the last one's group. */
function commit(state: EditorState, doc: EditorDoc, group: string | null): EditorState {
  const continues = group !== null && group === state.lastGroup;
  return {
    ...state,
    ...doc,
    past: continues ? state.past : [...state.past, docOf(state)].slice(-historyLimit),
    future: [],
    lastGroup: group,
  };
}

export interface FieldIssue {
  about: 'layout' | 'value';
  messageKey: string;
}

export interface EditorOutput {
  layout: FieldLayout;
  /** Normalised, as they will be saved; what does not pass is left out and reported in `issues`. */
  values: FieldValues;
  /** Layout issues by field index (`fields.2.rect`) and value issues by id (`values.field-3`), as the service reports them. */
  issues: ValidationIssue[];
  warnings: LayoutWarning[];
  /** The same issues, each under the id of the field it is about: where it is (layout) or what it holds (value). */
  issuesByField: Readonly<Record<string, FieldIssue[]>>;
  /** Whether the fields or values differ from what the editor opened with (undone back to it: not changed). */
  changed: boolean;
}

/** The layout and values as the service will check them, checked here the same way so problems show while editing. */
export function editorOutput(state: EditorState): EditorOutput {
  const layout: FieldLayout = { fields: [...state.fields] };
  const check = checkLayout(layout, state.pages, { signerIds: state.signers.map((s) => s.id) });
  const country = (signerId: string) => state.signers.find((s) => s.id === signerId)?.contact?.country;
  const preset = checkPresetValues(layout, state.values, country);
  const issuesByField: Record<string, FieldIssue[]> = {};
  const add = (id: string | undefined, issue: FieldIssue) => {
    if (id !== undefined) (issuesByField[id] ??= []).push(issue);
  };
  for (const issue of check.issues) add(state.fields[Number(issue.path.split('.')[1])]?.id, { about: 'layout', messageKey: issue.messageKey });
  for (const issue of preset.issues) add(issue.path.slice('values.'.length), { about: 'value', messageKey: issue.messageKey });
  return { layout, values: preset.values, issues: [...check.issues, ...preset.issues], warnings: check.warnings, issuesByField, changed: changedSince(state.initial, state) };
}

/** Compared by content, not identity: a field moved right and back left, or a value typed and erased, is no change. */
function changedSince(initial: EditorDoc, now: EditorDoc): boolean {
  if (initial.fields === now.fields && initial.values === now.values) return false;
  const before = new Map(initial.fields.map((f) => [f.id, f]));
  const same = (f: FieldPlacement) => {
    const was = before.get(f.id);
    return was !== undefined && samePlacement(was, f);
  };
  if (now.fields.length !== before.size || !now.fields.every(same)) return true;
  // An empty text and an unticked box are as good as no value (the save leaves them out).
  const valueOf = (values: EditorDoc['values'], id: string) => (Object.hasOwn(values, id) && values[id] !== '' && values[id] !== false ? values[id] : undefined);
  const ids = new Set([...Object.keys(initial.values), ...Object.keys(now.values)]);
  return [...ids].some((id) => valueOf(initial.values, id) !== valueOf(now.values, id));
}

export const canUndo = (state: EditorState) => state.past.length > 0;
export const canRedo = (state: EditorState) => state.future.length > 0;
