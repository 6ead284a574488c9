/**
 * A colour per signer, in their order on the document: distinct from one another for the common forms of colour
 * blindness at the two or three signers most documents have, and dark enough for white text (4.5:1 or more).
 * Each field also names its signer in words, so colour is never the only sign of whose it is.
 */
const palette = ['#1f5fbf', '#b45309', '#047857', '#7e22ce', '#be123c', '#0e7490', '#4d7c0f', '#9d174d'] as const;

export function signerColor(index: number): string {
  return palette[((index % palette.length) + palette.length) % palette.length]!;
}
