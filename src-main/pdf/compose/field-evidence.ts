import { createHash } from 'node:crypto';
import { decodeBase64 } from '../../../src-shared/fields/base64';
import { imageFieldKinds, type FieldKind } from '../../../src-shared/fields/kinds';
import type { FieldLayout } from '../../../src-shared/fields/layout';
import type { FieldValue, FieldValues } from '../../../src-shared/fields/values';
import type { EvidenceField } from '../../../src-shared/pdf/certificate';

/** What the evidence attachment says about each field: see `EvidenceField` for what is hashed. */
export function fieldEvidence(layout: FieldLayout, values: FieldValues): EvidenceField[] {
  return layout.fields.map((f) => {
    const value = Object.hasOwn(values, f.id) ? values[f.id] : undefined;
    return { id: f.id, kind: f.kind, page: f.page, rect: f.rect, signerId: f.signerId, sha256: value === undefined ? null : valueHash(f.kind, value) };
  });
}

function valueHash(kind: FieldKind, value: FieldValue): string {
  const isImage = (imageFieldKinds as readonly FieldKind[]).includes(kind);
  const bytes = (isImage ? decodeBase64(String(value)) : null) ?? new TextEncoder().encode(String(value));
  return createHash('sha256').update(bytes).digest('hex');
}
