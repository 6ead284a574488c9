import { describe, expect, it } from 'vitest';
import { linkMessage, smsWithMessageMaxChars, type LinkMessageFacts } from './link-messages';

const facts = (patch: Partial<LinkMessageFacts> = {}): LinkMessageFacts => ({
  linkId: 'l1',
  documentId: 'd1',
  channel: 'email',
  to: 'jan@example.pl',
  language: 'pl',
  company: 'Zakłady Łódzkie Sp. z o.o.',
  signerName: 'Jan Kowalski',
  title: 'Umowa o zachowaniu poufności',
  number: 'UM/2025/7',
  url: `https://sign.example.com/s/${'a'.repeat(43)}`,
  expiresAt: '2030-01-31T12:00:00.000Z',
  ...patch,
});

describe("a signing link's message with the preparer's personal message", () => {
  it('carries it in the e-mail, with who wrote it, as the reminder does', () => {
    const mail = linkMessage(facts({ message: '  Proszę o podpis do piątku.  ', preparer: 'Anna Nowak' }));
    expect(mail.text).toContain('Anna Nowak pisze: Proszę o podpis do piątku.');
    expect(mail.html).toContain('Proszę o podpis do piątku.');
    expect(linkMessage(facts()).text).not.toContain('pisze:');
  });

  it('adds it to an SMS only while the whole text stays within two SMS; a longer one goes without it', () => {
    const sms = linkMessage(facts({ channel: 'sms', to: '+48601234567', message: 'Proszę o podpis.', preparer: 'Anna Nowak' }));
    expect(sms.text).toMatch(/ \(ważne do .+\) Anna Nowak: „Proszę o podpis\.”$/);
    const long = linkMessage(facts({ channel: 'sms', to: '+48601234567', message: 'x'.repeat(250), preparer: 'Anna Nowak' }));
    expect(long.text).toBe(linkMessage(facts({ channel: 'sms', to: '+48601234567' })).text);
    expect(sms.text.length).toBeLessThanOrEqual(smsWithMessageMaxChars);
  });
});
