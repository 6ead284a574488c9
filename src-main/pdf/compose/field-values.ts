import { ops, rgb, type EmbeddedFont, type PDF, type PDFPage } from '@libpdf/core';
import { formatPhone } from '../../../src-shared/contacts/phone';
import { decodeBase64 } from '../../../src-shared/fields/base64';
import { formatDateSigned } from '../../../src-shared/fields/date-signed';
import type { FieldLayout } from '../../../src-shared/fields/layout';
import { decimalsOf } from '../../../src-shared/fields/number';
import type { FieldPlacement, FieldRect } from '../../../src-shared/fields/placement';
import type { FieldValue, FieldValues } from '../../../src-shared/fields/values';
import type { UiLanguage } from '../../../src-shared/settings/schema';
import { libPdfVisibleBox } from '../page-box';
import { fitText, lineBelow, lineHeight } from './fit-text';

export interface FieldDrawOptions {
  /** Numbers print the way this language writes them ("1 234,50" in Polish, "1,234.50" in English). */
  language: UiLanguage;
  maxFontSize?: number;
  minFontSize?: number;
}

const ink = rgb(0.05, 0.08, 0.2);
/** Keeps a value off the box's own border lines, which many contracts print. */
const textPadding = { x: 2, y: 1 };
const imagePadding = 1;

/**
 * Draws every filled field of the layout on its page, inside its rectangle, as page content (not form fields or
 * annotations: the seal covers what is drawn, and no viewer can edit it afterwards). Values must be normalised, as
 * `checkComposeFields` returns them; fields without a value draw nothing.
 *
 * Rectangles are in unrotated page space, as the field model defines them, from the bottom-left corner of the part of
 * the page a viewer shows (`visibleBox`: the CropBox within the MediaBox; usually the MediaBox at 0,0). A scan cropped
 * to [50 100 545 742] gets its values where the editor showed them on the cropped page, not 50 pt to the left and
 * 100 pt higher. A page with /Rotate shows a value turned with the page, exactly where the editor placed it on that page: the editor
 * and the size limits work in the same unrotated space, so drawing upright in display space would not fit the box
 * that was checked.
 */
export function drawFieldValues(pdf: PDF, fonts: { regular: EmbeddedFont }, layout: FieldLayout, values: FieldValues, opts: FieldDrawOptions): void {
  for (const field of layout.fields) {
    const value = Object.hasOwn(values, field.id) ? values[field.id] : undefined;
    if (value === undefined || value === false) continue;
    const page = pdf.getPage(field.page);
    if (!page) throw new Error(`field ${field.id}: no page ${field.page}`);
    const origin = libPdfVisibleBox(pdf, field.page);
    const rect = { ...field.rect, x: origin.x + field.rect.x, y: origin.y + field.rect.y };
    clipped(page, rect, () => {
      if (field.kind === 'checkbox') drawCheckMark(page, rect);
      else if (field.kind === 'signature' || field.kind === 'initials') drawImage(pdf, page, rect, String(value), field.id);
      else drawText(page, fonts.regular, rect, printable(field, value, opts.language), field.kind === 'text', opts);
    });
  }
}

/** The text a value prints as. */
export function printable(field: FieldPlacement, value: FieldValue, language: UiLanguage): string {
  switch (field.kind) {
    case 'phone':
      return formatPhone(String(value));
    case 'dateSigned':
      return formatDateSigned(String(value), field.dateFormat);
    case 'number': {
      const number = Number(value);
      const decimals = field.decimals ?? decimalsOf(number) ?? 0;
      return new Intl.NumberFormat(language, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(number);
    }
    default:
      return String(value);
  }
}

/** Everything drawn for a field is clipped to its box: a glyph's overshoot or a stroke's cap cannot reach the text beside it. */
function clipped(page: PDFPage, rect: FieldRect, draw: () => void): void {
  page.drawOperators([ops.pushGraphicsState(), ops.rectangle(rect.x, rect.y, rect.width, rect.height), ops.clip(), ops.endPath()]);
  draw();
  page.drawOperators([ops.popGraphicsState()]);
}

function drawText(page: PDFPage, font: EmbeddedFont, rect: FieldRect, raw: string, multiLine: boolean, opts: FieldDrawOptions): void {
  const text = encodable(font, raw);
  const inner = { width: rect.width - 2 * textPadding.x, height: rect.height - 2 * textPadding.y };
  const fitted = fitText(text, (t, size) => font.widthOfTextAtSize(t, size), inner, {
    multiLine,
    maxSize: opts.maxFontSize ?? 11,
    minSize: opts.minFontSize ?? 5,
  });
  const step = fitted.size * lineHeight;
  const block = fitted.lines.length * step;
  // One line sits in the middle of its box; a block of free text starts at the top, as a paragraph does.
  const top = fitted.lines.length === 1 ? rect.y + (rect.height + block) / 2 : rect.y + rect.height - textPadding.y;
  fitted.lines.forEach((line, i) => {
    const baseline = top - (i + 1) * step + fitted.size * lineBelow;
    page.drawText(line, { x: rect.x + textPadding.x, y: baseline, size: fitted.size, font, color: ink });
  });
}

/**
 * A character the font has no glyph for (CJK, say) prints as U+FFFD: @libpdf/core would otherwise drop the rest of the
 * line after it. The evidence keeps the value's hash, so what was submitted stays provable.
 */
function encodable(font: EmbeddedFont, text: string): string {
  return Array.from(text, (c) => (c === '\n' || font.canEncode(c) ? c : '\uFFFD')).join('');
}

function drawImage(pdf: PDF, page: PDFPage, rect: FieldRect, base64: string, fieldId: string): void {
  const bytes = decodeBase64(base64);
  if (!bytes) throw new Error(`field ${fieldId}: the image is not base64`);
  const image = pdf.embedPng(bytes);
  const room = { width: rect.width - 2 * imagePadding, height: rect.height - 2 * imagePadding };
  const scale = Math.min(room.width / image.width, room.height / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  page.drawImage(image, { x: rect.x + (rect.width - width) / 2, y: rect.y + (rect.height - height) / 2, width, height });
}

/** A tick as two strokes with round ends: vector, so it stays sharp when printed, and no font has to carry the glyph. */
function drawCheckMark(page: PDFPage, rect: FieldRect): void {
  const side = Math.min(rect.width, rect.height);
  const x0 = rect.x + (rect.width - side) / 2;
  const y0 = rect.y + (rect.height - side) / 2;
  const at = (u: number, v: number) => [x0 + u * side, y0 + v * side] as const;
  page
    .drawPath()
    .moveTo(...at(0.2, 0.52))
    .lineTo(...at(0.42, 0.27))
    .lineTo(...at(0.8, 0.76))
    .stroke({ borderColor: ink, borderWidth: side * 0.13, lineCap: 'round', lineJoin: 'round' });
}
