import { dateFormat } from './formatters';

/** An ISO time in the UI language; null when it is missing or not a date, so each caller picks its own fallback. */
export function formatIso(iso: string | undefined, language: string, options: Intl.DateTimeFormatOptions): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return dateFormat(language, options).format(date);
}
