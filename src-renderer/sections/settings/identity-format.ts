import { AppError } from '../../../src-shared/contract/errors';
import { formatIso } from '../../i18n/format-date';

/**
 * `ab12cd…` → `AB12 CD34 …`: sixteen groups of four, so two people can compare a fingerprint over the phone group by
 * group (and a screen reader pauses between groups instead of spelling one 64-letter word).
 */
export function groupFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

const dateTime: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const dateOnly: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

/** A certificate's validity bound or an "added" time; the raw value if it is not a date, so nothing is hidden. */
export function formatCertTime(iso: string, language: string, withTime = true): string {
  return formatIso(iso, language, withTime ? dateTime : dateOnly) ?? iso;
}

/** Refusals such as `identity.p12.expired` carry ISO times in `from`/`to`; the message should show them as dates. */
export function withLocalDates(error: unknown, language: string): unknown {
  if (!(error instanceof AppError) || !error.details) return error;
  const details = { ...error.details };
  let changed = false;
  for (const key of ['from', 'to']) {
    const value = details[key];
    const formatted = typeof value === 'string' ? formatIso(value, language, dateOnly) : null;
    if (formatted) {
      details[key] = formatted;
      changed = true;
    }
  }
  return changed ? new AppError(error.code, error.messageKey, details) : error;
}

/** A size limit in words: `1 MB`, `256 KB` (the same units in English and Polish). */
export function formatLimit(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.round(bytes / 1024)} KB`;
}
