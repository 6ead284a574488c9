import { describe, expect, it } from 'vitest';
import type { FieldLayout } from '../../../src-shared/fields/layout';
import { createRouteHash, parseCreateRoute } from './create-route';
import { channelOptions, dateAfter, defaultChannel, expiryProblem, fieldCounts, firstIncompleteStep, orphanFields, titleFromFileName } from './wizard-logic';

const id = '3f2b8c1e-9d4a-4e6b-8c2d-1a2b3c4d5e6f';
const sig = (signerId: string) => ({ id: signerId, kind: 'signature', page: 0, rect: { x: 0, y: 0, width: 180, height: 50 }, signerId, required: true }) as FieldLayout['fields'][number];

describe('wizard', () => {
  it('routes: new, resumed, with a contact; anything else is not the wizard', () => {
    expect(parseCreateRoute('#/create')).toEqual({});
    expect(parseCreateRoute(`#/create/${id}`)).toEqual({ documentId: id });
    expect(parseCreateRoute(`#/create?contact=${id}`)).toEqual({ contactId: id });
    expect(parseCreateRoute('#/create/nope')).toBeNull();
    expect(parseCreateRoute(`#/sign/${id}`)).toBeNull();
    expect(parseCreateRoute(createRouteHash({ documentId: id }))).toEqual({ documentId: id });
  });

  it('expiry defaults to 14 days ahead in the local calendar and must be a later day than today', () => {
    const today = new Date(2026, 11, 25, 23, 30);
    expect(dateAfter(today, 14)).toBe('2027-01-08');
    expect(expiryProblem('2027-01-08', today)).toBeNull();
    expect(expiryProblem('2026-12-25', today)).toBe('wizard.delivery.expiryPast');
    expect(expiryProblem('', today)).toBe('validation.required');
  });

  it('channels: an employee signs in the app; a counterparty in person, e-mail and SMS need the server (or an address)', () => {
    expect(channelOptions({ side: 'company', userId: 'u' })).toEqual([{ channel: 'app' }]);
    expect(channelOptions({ side: 'counterparty' }, { email: 'a@b.pl' })).toEqual([
      { channel: 'inPerson' },
      { channel: 'email', unavailable: 'wizard.delivery.needsServer' },
      { channel: 'sms', unavailable: 'wizard.delivery.noPhone' },
    ]);
    expect(defaultChannel({ side: 'counterparty' })).toBe('inPerson');
  });

  it('channels with the company server linked: e-mail and SMS where the contact has the address', () => {
    expect(channelOptions({ side: 'counterparty' }, { email: 'a@b.pl' }, true)).toEqual([
      { channel: 'inPerson' },
      { channel: 'email', unavailable: undefined },
      { channel: 'sms', unavailable: 'wizard.delivery.noPhone' },
    ]);
    expect(channelOptions({ side: 'counterparty' }, { email: 'a@b.pl', phone: '+48601234567' }, true).filter((o) => !o.unavailable).map((o) => o.channel)).toEqual(['inPerson', 'email', 'sms']);
    expect(channelOptions({ side: 'counterparty' }, undefined, true).filter((o) => !o.unavailable).map((o) => o.channel)).toEqual(['inPerson']);
    expect(channelOptions({ side: 'company', userId: 'u' }, undefined, true)).toEqual([{ channel: 'app' }]);
  });

  it('a resumed Draft opens at its first incomplete step; orphaned fields are found', () => {
    const signers = [{ side: 'company' as const }, { side: 'counterparty' as const }];
    const refs = ['company-1', 'counterparty-1'];
    expect(firstIncompleteStep({ signers: signers.slice(0, 1), layout: { fields: [] }, refs: ['company-1'] })).toBe('signers');
    expect(firstIncompleteStep({ signers, layout: { fields: [sig('company-1')] }, refs })).toBe('fields');
    expect(firstIncompleteStep({ signers, layout: { fields: [sig('company-1'), sig('counterparty-1')] }, refs })).toBe('delivery');
    const layout = { fields: [sig('company-1'), sig('counterparty-1'), sig('counterparty-2')] };
    expect(firstIncompleteStep({ signers, layout, refs })).toBe('fields');
    expect(orphanFields(layout, refs).map((f) => f.signerId)).toEqual(['counterparty-2']);
    expect(fieldCounts(layout)).toEqual({ 'company-1': 1, 'counterparty-1': 1, 'counterparty-2': 1 });
  });

  it('a title from the file name', () => {
    expect(titleFromFileName('Umowa_najmu 2026.PDF')).toBe('Umowa najmu 2026');
  });
});
