import type { TFunction } from 'i18next';
import type { Stage } from '../../../src-shared/documents/stages';
import { formatIso } from '../../i18n/format-date';
import { numberFormat } from '../../i18n/formatters';

/** The administrator's name for a stage, or the default stage's name in the UI language. */
export function stageName(t: TFunction, stage: Pick<Stage, 'name' | 'key'>): string {
  return stage.name ?? (stage.key ? t(`stages.default.${stage.key}`) : '');
}

/** An amount in minor units (grosze, cents) in its currency, in the UI language: "48 600,00 zł", "€120,000.00". */
export function formatMoney(amountMinor: number, currency: string, language: string): string {
  try {
    const format = numberFormat(language, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amountMinor / 10 ** digits);
  } catch {
    // A code Intl does not know: the bare number, still exact.
    return `${(amountMinor / 100).toFixed(2)} ${currency}`;
  }
}

/** A due date (a calendar day, no time): read and shown in UTC so it is the same day in every time zone. */
export function formatDay(isoDate: string | undefined, language: string): string | null {
  return formatIso(isoDate, language, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** An event's moment, in the viewer's time zone. */
export function formatMoment(iso: string, language: string): string {
  return formatIso(iso, language, { dateStyle: 'medium', timeStyle: 'short' }) ?? iso;
}
