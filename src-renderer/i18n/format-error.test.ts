import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, validationError } from '../../src-shared/contract/errors';
import { describeError, errorText, fieldErrorsOf, fieldLabel } from './format-error';
import en from '../../src-shared/i18n/locales/en.json';
import pl from '../../src-shared/i18n/locales/pl.json';
import { makeTranslators } from './test-translators';

let tEn: TFunction;
let tPl: TFunction;

beforeAll(async () => {
  ({ tEn, tPl } = await makeTranslators());
});

describe('field labels for issue paths', () => {
  it('maps contract paths to translated labels', () => {
    expect(fieldLabel(tEn, 'fields.email')).toBe('E-mail');
    expect(fieldLabel(tPl, 'fields.taxId')).toBe('Numer podatkowy');
    expect(fieldLabel(tPl, 'company.name')).toBe('Nazwa firmy');
    expect(fieldLabel(tEn, 'userName')).toBe('Your name');
    expect(fieldLabel(tPl, 'mapping.3')).toBe('Dopasowanie kolumn');
    expect(fieldLabel(tEn, '')).toBe('Request');
    expect(fieldLabel(tEn, 'something.unheardOf')).toBe('something.unheardOf');
  });
});

describe('describing errors', () => {
  const invalid = validationError([
    { path: 'fields.email', messageKey: 'validation.email' },
    { path: 'fields.taxId', messageKey: 'validation.nip' },
    { path: 'fields.city', messageKey: 'validation.somethingNew' },
  ]);

  it('renders validation issues as "<label>: <message>"', () => {
    expect(errorText(tPl, invalid)).toBe(
      'Popraw zaznaczone pola. E-mail: Podaj poprawny adres e-mail, np. imie@firma.pl.; Numer podatkowy: Nieprawidłowy NIP: musi mieć 10 cyfr i poprawną cyfrę kontrolną.; Miejscowość: Nieprawidłowa wartość.',
    );
  });

  it('gives per-field messages to forms and keeps the rest for a summary', () => {
    const { byField, other } = fieldErrorsOf(tEn, invalid, ['email', 'phone']);
    expect(byField).toEqual({ email: 'Enter a valid e-mail address, e.g. name@company.com.' });
    expect(other.map((i) => i.field)).toEqual(['taxId', 'city']);
  });

  it('translates transport and unknown errors, never showing a raw key or a stack', () => {
    expect(describeError(tEn, new AppError('TRANSPORT', 'errors.transport')).message).toMatch(/^Lost the connection/);
    expect(describeError(tPl, new AppError('INTERNAL', 'errors.notInAnyCatalogue')).message).toBe(pl.errors.internal);
    expect(describeError(tEn, new TypeError('x is undefined')).message).toBe(en.errors.internal);
  });
});
