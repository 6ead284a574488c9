import { z } from 'zod';

/*
 * The one-time code an administrator reads off the server (`signet-server pair`) and types into Settings. Letters and
 * digits that cannot be mistaken for one another when read aloud or typed (no 0/O, 1/I/L, U/V pairs): 29 symbols, 10 of
 * them, about 48 bits. Together with its 10 minutes, single use and the server's limit on wrong tries, guessing it is
 * out of reach; it is shown in two groups of five for reading and accepted with or without the dash, in any case.
 */
export const pairingCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const pairingCodeLength = 10;

const shape = new RegExp(`^[${pairingCodeAlphabet}]{${pairingCodeLength}}$`);

/** As typed ("abcde-fghjk", "ABCDE FGHJK") → as stored and compared ("ABCDEFGHJK"). */
export function normalizePairingCode(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

export function isPairingCode(normalized: string): boolean {
  return shape.test(normalized);
}

/** For display: "ABCDE-FGHJK". */
export function formatPairingCode(normalized: string): string {
  return `${normalized.slice(0, 5)}-${normalized.slice(5)}`;
}

export const pairingCodeSchema = z
  .string({ error: 'validation.required' })
  .max(40, { error: 'validation.pairingCode' })
  .transform(normalizePairingCode)
  .refine((code) => code.length > 0, { error: 'validation.required', abort: true })
  .refine(isPairingCode, { error: 'validation.pairingCode' });
