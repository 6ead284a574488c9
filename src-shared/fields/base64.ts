/**
 * Base64 without Node's Buffer (absent in the renderer) and without `atob` (which yields a binary string and accepts
 * sloppy input differently across engines): standard alphabet, optional padding, whitespace ignored, anything else refused.
 */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const lookup = new Int8Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;

/** Strips whitespace and a `data:…;base64,` prefix (what `canvas.toDataURL()` returns). */
export function stripBase64(text: string): string {
  return text.replace(/^\s*data:[^,]*;base64,/i, '').replace(/[\t\n\f\r ]+/g, '');
}

/** Bytes the (stripped) text would decode to, without decoding it: lets a size limit refuse a huge input cheaply. */
export function base64DecodedLength(stripped: string): number {
  let end = stripped.length;
  while (end > 0 && stripped[end - 1] === '=') end--;
  return Math.floor((end * 6) / 8);
}

/** Null when the text is not valid base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const s = stripBase64(text);
  let end = s.length;
  while (end > 0 && s[end - 1] === '=') end--;
  const padding = s.length - end;
  if (padding > 2 || (padding > 0 && s.length % 4 !== 0) || end % 4 === 1) return null;

  const out = new Uint8Array(Math.floor((end * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const code = s.charCodeAt(i);
    const v = code < 128 ? (lookup[code] ?? -1) : -1;
    if (v < 0) return null;
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two different texts would decode to the same bytes.
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
