/**
 * How many SMS a text costs. A message goes as GSM 03.38 7-bit when every character is in the default alphabet or its
 * extension table, otherwise as UCS-2 — one Polish "ą" is enough to turn the whole message into UCS-2, which cuts a
 * single SMS from 160 characters to 70. Providers bill per segment, so Settings shows the count as the text is typed.
 */
export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** 0 for an empty text. */
  segments: number;
  /** Room left in the last segment, in the encoding's units (septets or UTF-16 code units). */
  charactersLeftInSegment: number;
  /** The length in those units: an extension character counts 2 in GSM, an emoji 2 in UCS-2. */
  units: number;
}

/** Single message / per segment of a concatenated one (the user data header takes the difference). */
export const smsLimits = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

/** Longer texts are refused before they reach a provider: SMSAPI's `max_parts` and most carriers stop at 10. */
export const maxSmsSegments = 10;

// The default alphabet, in table order (0x00–0x7F); 0x1B is the escape to the extension table and is not a character.
const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const gsmExtension = '\f^{}\\[~]|€';

const basic = new Set([...gsmBasic].filter((c) => c !== '\u001b'));
const extension = new Set(gsmExtension);

/** Septets a character takes in GSM 7-bit, or null when it has no GSM form at all. */
function gsmCost(char: string): number | null {
  if (basic.has(char)) return 1;
  if (extension.has(char)) return 2;
  return null;
}

export function isGsm7(text: string): boolean {
  for (const char of text) if (gsmCost(char) === null) return false;
  return true;
}

export function countSmsSegments(text: string): SmsSegments {
  const encoding: SmsEncoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  // A character's units stay in one segment: an escape and its character, or the two halves of a surrogate pair, are
  // never split across a segment boundary (phones would show garbage), so packing is by character, not by unit.
  const costs = [...text].map((char) => (encoding === 'gsm7' ? (gsmCost(char) as number) : char.length));
  const units = costs.reduce((sum, c) => sum + c, 0);
  const { single, part } = smsLimits[encoding];
  if (units <= single) return { encoding, segments: units === 0 ? 0 : 1, charactersLeftInSegment: single - units, units };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments, charactersLeftInSegment: part - used, units };
}
