import { describe, expect, it } from 'vitest';
import { enrolmentLink, parseEnrolmentLink } from './account-api';
import { enrolRouteHash, parseEnrolRoute } from './enrol-route';

describe('an invitation link and the window address it becomes', () => {
  it('carries the server and the code from the link to the hash and back, escaped both ways', () => {
    const link = enrolmentLink('https://podpisy.zaklady.pl/signet?x=1&y=2', 'K7Q2M-9XW4T-BC3DE');
    const invitation = parseEnrolmentLink(link);
    expect(invitation).toEqual({ server: 'https://podpisy.zaklady.pl/signet?x=1&y=2', code: 'K7Q2M-9XW4T-BC3DE' });
    const hash = enrolRouteHash(invitation!);
    expect(hash.startsWith('#/enrol?server=https%3A%2F%2Fpodpisy.zaklady.pl')).toBe(true);
    expect(parseEnrolRoute(hash)).toEqual(invitation);
    expect(parseEnrolRoute(hash.slice(1))).toEqual(invitation);
  });

  it('refuses what is not an invitation or carries something else', () => {
    const ok = 'https://sign.example.com';
    expect(parseEnrolmentLink(`signet://sign/1?server=${ok}&code=ABCDE`)).toBeNull();
    expect(parseEnrolmentLink(`https://enrol?server=${ok}&code=ABCDE`)).toBeNull();
    expect(parseEnrolmentLink(`signet://enrol?server=${ok}`)).toBeNull();
    expect(parseEnrolmentLink('not a link')).toBeNull();
    for (const server of ['javascript:alert(1)', 'file:///etc/passwd', 'https://admin:secret@sign.example.com', 'sign.example.com', `https://${'a'.repeat(500)}.pl`]) {
      expect(parseEnrolmentLink(enrolmentLink(server, 'ABCDE')), server).toBeNull();
    }
    for (const code of ['<script>', 'ABC\nDEF', 'A'.repeat(61), "ABCDE'"]) {
      expect(parseEnrolmentLink(enrolmentLink(ok, code)), code).toBeNull();
    }
    expect(parseEnrolRoute('#/sign/0f8fad5b-d9cb-469f-a165-70867728950e')).toBeNull();
    expect(parseEnrolRoute('#/enrol')).toBeNull();
    expect(parseEnrolRoute('#/enrolment?server=https://a.pl&code=ABCDE')).toBeNull();
    expect(parseEnrolRoute('#/enrol?server=https://a.pl&code=ABCDE')).toEqual({ server: 'https://a.pl', code: 'ABCDE' });
  });
});
