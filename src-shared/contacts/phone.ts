import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Region assumed for numbers typed without a country prefix: the product's home market. */
export const defaultPhoneRegion: CountryCode = 'PL';

/** Returns the E.164 form (`+48601234567`), or null when the text is not a valid number for any region. */
export function toE164(text: string, region: CountryCode = defaultPhoneRegion): string | null {
  const parsed = parsePhoneNumberFromString(text.trim(), region);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** International display form, e.g. `+48 601 234 567`. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The region to read a number typed without a prefix in: the contact's country when known, else Poland. */
export function phoneRegion(country: string | undefined): CountryCode {
  return country && isSupportedCountry(country) ? country : defaultPhoneRegion;
}
