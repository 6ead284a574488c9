/** Polish tax ID (NIP): ten digits, the last a weighted checksum mod 11 of the first nine (a remainder of 10 is never issued). */
const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;

/** Strips the separators people type (dashes, spaces, dots) and an optional `PL` VAT prefix. */
export function normalizeNip(text: string): string {
  return text.replace(/^\s*PL/i, '').replace(/[\s.-]/g, '');
}

export function isValidNip(text: string): boolean {
  const digits = normalizeNip(text);
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const check = sum % 11;
  return check !== 10 && check === Number(digits[9]);
}

/** 1234563218 → 123-456-32-18, the way NIPs are printed on Polish invoices. */
export function formatNip(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}` : digits;
}
