import { describe, expect, it } from 'vitest';
import { channelsFor, codeTargets, deliveryFrom, deliveryToSave, type Delivery } from './delivery-plan';

const defaults: Delivery = { channels: {}, language: 'pl', message: '', expiresOn: '2027-01-08', reminderDays: 0 };
const signers = [
  { id: 7, side: 'company' as const, userId: 'u1' },
  { id: 8, side: 'counterparty' as const },
  { id: 9, side: 'counterparty' as const },
];

describe('the delivery step’s plan', () => {
  it('channels: the one chosen here, else the one the Draft saved, else the default; only for signers on the Draft', () => {
    expect(channelsFor(signers, { '8': 'inPerson', '3': 'inPerson' }, { '9': 'inPerson', '7': 'app' })).toEqual({ '7': 'app', '8': 'inPerson', '9': 'inPerson' });
    expect(channelsFor(signers, {}, {})).toEqual({ '7': 'app', '8': 'inPerson', '9': 'inPerson' });
  });

  it('a resumed Draft shows what it saved and the defaults for what it never chose', () => {
    expect(deliveryFrom({ channels: {}, language: 'en', message: 'Please sign by Friday.', expiresOn: '2030-05-31', reminderDays: 3 }, defaults)).toEqual({
      language: 'en',
      message: 'Please sign by Friday.',
      expiresOn: '2030-05-31',
      reminderDays: 3,
    });
    expect(deliveryFrom({ channels: {}, order: 'parallel' }, defaults)).toEqual({ language: 'pl', message: '', expiresOn: '2027-01-08', reminderDays: 0 });
  });

  it('saved half done: a day not typed in full keeps the saved one; an empty message and no reminders clear theirs', () => {
    const chosen = { ...defaults, channels: { '8': 'inPerson' as const }, message: '  Proszę o podpis.  ', reminderDays: 3 };
    expect(deliveryToSave(chosen)).toEqual({ channels: { '8': 'inPerson' }, language: 'pl', message: 'Proszę o podpis.', expiresOn: '2027-01-08', reminderDays: 3 });
    expect(deliveryToSave({ ...chosen, expiresOn: '', message: ' ', reminderDays: 0 })).toEqual({ channels: { '8': 'inPerson' }, language: 'pl', message: '', reminderDays: null });
  });

  it('the identity code goes to the contact’s own e-mail or phone, none when it has neither', () => {
    expect(codeTargets({ email: 'ewa@example.com', phone: '+48601234567' })).toEqual([
      { channel: 'email', to: 'ewa@example.com' },
      { channel: 'sms', to: '+48601234567' },
    ]);
    expect(codeTargets({ phone: '+48601234567' })).toEqual([{ channel: 'sms', to: '+48601234567' }]);
    expect(codeTargets({})).toEqual([]);
    expect(codeTargets(undefined)).toEqual([]);
  });
});
