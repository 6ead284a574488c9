import { checkSignatureImage, maxSignatureImageBytes } from '../../../src-shared/fields/png';
import { pngBase64 } from './typed-signature';

export const uploadTypes = ['image/png', 'image/jpeg'] as const;
/** A photo of a signature straight from a phone is several megabytes; it is scaled down before it is sent. */
export const maxUploadBytes = 5 * maxSignatureImageBytes;
/** Longest side of the PNG made from an upload: sharp on a printed page and well under `maxSignatureImageSide`. */
export const uploadMaxSide = 1200;

export type UploadProblem = 'signingUi.upload.wrongType' | 'signingUi.upload.tooLarge' | 'signingUi.upload.unreadable' | 'validation.imageTooLarge' | 'validation.pngImage';

/** Why a chosen file cannot be a signature before it is even read, or null. */
export function uploadProblem(file: { type: string; size: number }): UploadProblem | null {
  if (!(uploadTypes as readonly string[]).includes(file.type)) return 'signingUi.upload.wrongType';
  if (file.size > maxUploadBytes) return 'signingUi.upload.tooLarge';
  return null;
}

/** The size to draw an image at: its own when it fits, otherwise scaled down (never up) to `maxSide`, proportions kept. */
export function fitWithin(width: number, height: number, maxSide: number = uploadMaxSide): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * An uploaded PNG or JPEG redrawn on a canvas and saved as PNG: whatever the file carried besides the picture (EXIF,
 * colour profiles, a JPEG's quirks) stays behind, and the result is checked as the service will check it.
 */
export async function uploadToPng(file: File): Promise<{ ok: true; base64: string } | { ok: false; problem: UploadProblem }> {
  const early = uploadProblem(file);
  if (early) return { ok: false, problem: early };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { ok: false, problem: 'signingUi.upload.unreadable' };
  }
  const size = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const base64 = pngBase64(canvas);
  const checked = checkSignatureImage(base64);
  return checked.ok ? { ok: true, base64: checked.base64 } : { ok: false, problem: checked.messageKey };
}
