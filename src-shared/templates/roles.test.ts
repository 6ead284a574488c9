import { describe, expect, it } from 'vitest';
import type { FieldLayout } from '../fields/layout';
import { templateNameKey } from './inputs';
import { draftRoles, fieldsForDraft, roleRefs, rolesOf, templateFields } from './roles';

const field = (id: string, signerId: string, kind: 'signature' | 'text' = 'text') =>
  ({ id, kind, signerId, page: 0, rect: { x: 10, y: 10 + Number(id.slice(1)) * 60, width: 180, height: 50 }, required: kind === 'signature' }) as FieldLayout['fields'][number];

const document = {
  layout: { fields: [field('f1', 'company-1', 'signature'), field('f2', 'company-2'), field('f3', 'counterparty-1'), field('f4', 'counterparty-2', 'signature'), field('f5', 'counterparty-3')] },
  values: { f2: 'Warszawa', f3: 'Drukarnia Bałtycka' },
};

describe('template roles', () => {
  it('keeps the company places by employee and counts the other side', () => {
    const roles = rolesOf([{ side: 'company', userId: 'anna' }, { side: 'company', userId: 'piotr' }, { side: 'counterparty' }, { side: 'counterparty' }]);
    expect(roles).toEqual({ companyUserIds: ['anna', 'piotr'], counterpartyRoles: 2 });
    expect(roleRefs(roles)).toEqual(['company-1', 'company-2', 'counterparty-1', 'counterparty-2']);
  });

  it("keeps the fields of places that exist and only the company's values", () => {
    const kept = templateFields(document, { companyUserIds: ['anna', 'piotr'], counterpartyRoles: 2 });
    // counterparty-3 was removed from the document: its field has nobody to go to.
    expect(kept.layout.fields.map((f) => f.id)).toEqual(['f1', 'f2', 'f3', 'f4']);
    expect(kept.values).toEqual({ f2: 'Warszawa' });
  });

  it('a Draft keeps every place while its employees can sign', () => {
    const plan = draftRoles({ companyUserIds: ['anna', 'piotr'], counterpartyRoles: 2 }, () => true);
    expect(plan.companySignerIds).toEqual(['anna', 'piotr']);
    expect(plan.openRefs).toEqual([]);
    const fields = fieldsForDraft(templateFields(document, { companyUserIds: ['anna', 'piotr'], counterpartyRoles: 2 }), plan);
    expect(fields.layout.fields.map((f) => f.signerId)).toEqual(['company-1', 'company-2', 'counterparty-1', 'counterparty-2']);
    expect(fields.values).toEqual({ f2: 'Warszawa' });
  });

  it("an employee who can no longer sign leaves their place open after the filled ones, without the values they gave", () => {
    const roles = { companyUserIds: ['anna', 'piotr', null], counterpartyRoles: 1 };
    const plan = draftRoles(roles, (id) => id === 'piotr');
    expect(plan.companySignerIds).toEqual(['piotr']);
    expect(plan.openRefs).toEqual(['company-1', 'company-3']);
    expect(Object.fromEntries(plan.refs)).toEqual({ 'company-2': 'company-1', 'company-1': 'company-2', 'company-3': 'company-3', 'counterparty-1': 'counterparty-1' });
    const layout = { fields: [field('f1', 'company-1', 'signature'), field('f2', 'company-2'), field('f3', 'counterparty-1')] };
    const fields = fieldsForDraft({ layout, values: { f1: 'x', f2: 'Warszawa' } }, plan);
    // Piotr's text is now company-1 (he is the first company signer); Anna's signature waits in company-2.
    expect(fields.layout.fields.map((f) => [f.id, f.signerId])).toEqual([
      ['f1', 'company-2'],
      ['f2', 'company-1'],
      ['f3', 'counterparty-1'],
    ]);
    expect(fields.values).toEqual({ f2: 'Warszawa' });
  });
});

describe('template names', () => {
  it('are the same name regardless of case, spacing and Unicode form, Polish letters included', () => {
    expect(templateNameKey('  Umowa   ŁÓDŹ ')).toBe(templateNameKey('umowa łódź'));
    expect(templateNameKey('Zaz\u0307ółć')).toBe(templateNameKey('ZAŻÓŁĆ'));
    expect(templateNameKey('Umowa A')).not.toBe(templateNameKey('Umowa B'));
  });
});
