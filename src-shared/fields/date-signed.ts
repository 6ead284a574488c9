import type { DateSignedFormat } from './kinds';

/** A calendar date written `yyyy-MM-dd` that exists (no 2025-02-30). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * The value of a date-signed field: the calendar date of the signing moment in the signer's time zone (an IANA name such
 * as `Europe/Warsaw`; the environment's own zone when omitted). Someone signing at 00:30 in Warsaw signs on that day,
 * although it is still the day before in UTC.
 */
export function signingDate(at: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** An ISO date as the placement prints it. */
export function formatDateSigned(isoDate: string, format: DateSignedFormat): string {
  const [yyyy = '', MM = '', dd = ''] = isoDate.split('-');
  switch (format) {
    case 'yyyy-MM-dd':
      return `${yyyy}-${MM}-${dd}`;
    case 'dd.MM.yyyy':
      return `${dd}.${MM}.${yyyy}`;
    case 'dd/MM/yyyy':
      return `${dd}/${MM}/${yyyy}`;
    case 'MM/dd/yyyy':
      return `${MM}/${dd}/${yyyy}`;
  }
}
