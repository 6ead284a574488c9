import { describe, expect, it } from 'vitest';
import { reminderMail } from './messages';

describe('the reminder e-mail', () => {
  const vars = {
    company: 'Kowalski & Syn <sp. j.>',
    signerName: 'Zażółć "Gęślą" Jaźń',
    title: 'Umowa <b>najmu</b>',
    number: 'UM/2026/05/0042',
    preparer: 'Anna Nowak',
    message: 'Proszę o podpis <do piątku> & dziękuję',
    expires: '30 maja 2026',
    link: 'signet://sign/0b7e6a52-3c1d-4f7e-9a3b-2d4c5e6f7a8b',
  };

  it('in Polish: where the document waits (Signet > Do podpisu, the app link), the preparer’s message, the deadline; values escaped in the HTML only', () => {
    const pl = reminderMail('pl', vars);
    expect(pl.subject).toBe('Przypomnienie: „Umowa <b>najmu</b>” czeka na Twój podpis');
    expect(pl.text).toBe(
      [
        'Dzień dobry, Zażółć "Gęślą" Jaźń,',
        'Dokument „Umowa <b>najmu</b>” (UM/2026/05/0042) czeka na Twój podpis w Signet.',
        'Anna Nowak pisze: Proszę o podpis <do piątku> & dziękuję',
        'Otwórz Signet i wybierz Do podpisu albo otwórz ten link na komputerze z zainstalowanym Signet: signet://sign/0b7e6a52-3c1d-4f7e-9a3b-2d4c5e6f7a8b',
        'Dokument można podpisać do 30 maja 2026.',
        '--',
        'Wiadomość wysłana przez Kowalski & Syn <sp. j.> za pomocą Signet.',
      ].join('\n\n') + '\n',
    );
    expect(pl.html).toContain('Anna Nowak pisze: Proszę o podpis &lt;do piątku&gt; &amp; dziękuję');
    expect(pl.html).toContain('„Umowa &lt;b&gt;najmu&lt;/b&gt;”');
    expect(pl.html).toContain('signet://sign/0b7e6a52-3c1d-4f7e-9a3b-2d4c5e6f7a8b');
    expect(pl.html).not.toMatch(/<b>|<do piątku>|<sp\. j\.>/);
    expect(pl.html).toMatch(/^<!doctype html><html lang="pl">/);
  });

  it('in English, without a message or a deadline when there is none', () => {
    const en = reminderMail('en', { ...vars, message: undefined, expires: undefined });
    expect(en.subject).toBe('Reminder: “Umowa <b>najmu</b>” awaits your signature');
    expect(en.text).toContain('Open Signet and choose To sign, or open this link on the computer where Signet is installed: signet://sign/');
    expect(en.text).not.toContain('writes:');
    expect(en.text).not.toContain('can be signed until');
    expect(en.html).toMatch(/^<!doctype html><html lang="en">/);
  });
});
