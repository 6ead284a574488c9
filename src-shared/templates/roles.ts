import type { FieldLayout } from '../fields/layout';
import { signerRef, signerRefs, type SignerSide } from '../fields/signers';
import type { FieldValues } from '../fields/values';

/** A document's signers as a template keeps them: the company's by the employee in each place, the other side by count. */
export interface TemplateRoles {
  /** In place order (`company-1` first); null where the place was held by someone who is not a user. */
  companyUserIds: (string | null)[];
  counterpartyRoles: number;
}

export interface FieldsAndValues {
  layout: FieldLayout;
  values: FieldValues;
}

/** The roles of a document's signers, given in their stored order. */
export function rolesOf(signers: readonly { side: SignerSide; userId?: string | null | undefined }[]): TemplateRoles {
  return {
    companyUserIds: signers.filter((s) => s.side === 'company').map((s) => s.userId ?? null),
    counterpartyRoles: signers.filter((s) => s.side === 'counterparty').length,
  };
}

/** Every place reference of these roles, company places first. */
export function roleRefs(roles: TemplateRoles): string[] {
  return signerRefs([...roles.companyUserIds.map(() => ({ side: 'company' as const })), ...Array.from({ length: roles.counterpartyRoles }, () => ({ side: 'counterparty' as const }))]);
}

/**
 * What a template keeps of a document's fields: those of places that exist (a field left behind by a removed signer
 * has nobody to go to), and the preparer's values only for company places, whose employee the template keeps. A
 * counterparty's values were auto-filled from, or typed for, a contact who will not be the next one.
 */
export function templateFields(fields: FieldsAndValues, roles: TemplateRoles): FieldsAndValues {
  const refs = new Set(roleRefs(roles));
  const kept = fields.layout.fields.filter((f) => refs.has(f.signerId));
  return { layout: { fields: kept }, values: valuesOf(kept, fields.values, (ref) => ref.startsWith('company-')) };
}

export interface DraftRoles {
  /** The employees who sign for the company on the new Draft, in their template order. */
  companySignerIds: string[];
  /** Template places whose employee can no longer sign, by their template reference. */
  openRefs: string[];
  /** Template reference → the reference on the new Draft. */
  refs: Map<string, string>;
}

/**
 * The company places of a Draft started from a template. An employee who can still sign keeps their place, in
 * order; one who cannot (the right was taken away, or the place was never a user's) leaves it open: the open places
 * are numbered after the filled ones, so the first company signer added in step 2 takes the first open place and its
 * fields. Counterparty places keep their numbers: the N-th counterparty chosen gets `counterparty-N`'s fields.
 */
export function draftRoles(roles: TemplateRoles, canSign: (userId: string) => boolean): DraftRoles {
  const places = roles.companyUserIds.map((userId, i) => ({ ref: signerRef('company', i + 1), userId }));
  const canFill = (p: (typeof places)[number]) => p.userId !== null && canSign(p.userId);
  const filled = places.filter(canFill);
  const open = places.filter((p) => !canFill(p));
  const refs = new Map<string, string>([...filled, ...open].map((p, i) => [p.ref, signerRef('company', i + 1)]));
  for (let i = 1; i <= roles.counterpartyRoles; i++) refs.set(signerRef('counterparty', i), signerRef('counterparty', i));
  return { companySignerIds: filled.flatMap((p) => (p.userId ? [p.userId] : [])), openRefs: open.map((p) => p.ref), refs };
}

/** The template's fields on the new Draft's places; values of an open place are dropped with the employee who gave them. */
export function fieldsForDraft(fields: FieldsAndValues, plan: DraftRoles): FieldsAndValues {
  const open = new Set(plan.openRefs);
  const layout = { fields: fields.layout.fields.map((f) => ({ ...f, signerId: plan.refs.get(f.signerId) ?? f.signerId })) };
  return { layout, values: valuesOf(fields.layout.fields, fields.values, (ref) => !open.has(ref)) };
}

function valuesOf(fields: FieldLayout['fields'], values: FieldValues, keepFor: (ref: string) => boolean): FieldValues {
  const keep = new Set(fields.filter((f) => keepFor(f.signerId)).map((f) => f.id));
  return Object.fromEntries(Object.entries(values).filter(([id]) => keep.has(id)));
}
