import type { TFunction } from 'i18next';
import type { VerificationReport } from '../../../src-shared/pdf/verification';
import { formatIso } from '../../i18n/format-date';
import { numberFormat } from '../../i18n/formatters';

/** What the report says about the file it checked (the store keeps the File itself beside it, for the preview). */
export interface CheckedFile {
  name: string;
  size: number;
  /** ISO time of the check. */
  checkedAt: string;
}

export interface Instant {
  /** In the UI language and this computer's time zone, with the zone named. */
  local: string;
  /** The same instant in UTC, for comparing with other records (the certificate page, server logs). */
  utc: string;
}

/** A signing time both ways; `null` when it is missing or not a date. */
export function formatInstant(iso: string | undefined, language: string, timeZone?: string): Instant | null {
  const local = formatIso(iso, language, { dateStyle: 'long', timeStyle: 'long', ...(timeZone ? { timeZone } : {}) });
  const utc = formatIso(iso, language, { dateStyle: 'medium', timeStyle: 'long', timeZone: 'UTC' });
  return local && utc ? { local, utc } : null;
}

/** A certificate's validity bound: a date is enough. */
export function formatDay(iso: string, language: string): string {
  return formatIso(iso, language, { dateStyle: 'medium', timeZone: 'UTC' }) ?? (iso || '—');
}

/** 28966 → "28.3 kB" / "28,3 kB" (binary multiples, as the PDF size limit counts them). */
export function formatSize(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return numberFormat(language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

export function formatCount(n: number, language: string): string {
  return numberFormat(language, {}).format(n);
}

/**
 * The report as plain text in the UI language, for "Copy report": something to paste into an e-mail or a ticket, with
 * every fact the screen shows (nothing that is only on screen, nothing that is only in the text).
 */
export function reportText(t: TFunction, language: string, report: VerificationReport, file: CheckedFile, timeZone?: string): string {
  const lines: string[] = [];
  const checkedAt = formatInstant(file.checkedAt, language, timeZone);
  lines.push(t('verifyPage.text.title'));
  lines.push('');
  lines.push(`${t('verifyPage.file.name')}: ${file.name}`);
  lines.push(`${t('verifyPage.file.size')}: ${t('verifyPage.file.sizeValue', { size: formatSize(report.fileSize, language), bytes: formatCount(report.fileSize, language) })}`);
  lines.push(`${t('verifyPage.file.sha256')}: ${report.sha256}`);
  if (checkedAt) lines.push(`${t('verifyPage.file.checkedAt')}: ${checkedAt.local}`);
  lines.push('');
  lines.push(`${t('verifyPage.text.verdict')}: ${t(`verify.verdict.${report.verdict}`)}`);
  if (report.reasons.length > 0) {
    lines.push(`${t('verifyPage.reasons')}:`);
    for (const key of report.reasons) lines.push(`  - ${t(key)}`);
  }

  for (const s of report.signatures) {
    const when = formatInstant(s.signedAt, language, timeZone);
    lines.push('');
    lines.push(t('verify.signature', { n: s.index + 1, name: s.signerName || t('verifyPage.signatures.unknownSigner') }));
    if (s.signerOrganization) lines.push(`  ${t('verifyPage.signatures.organization')}: ${s.signerOrganization}`);
    lines.push(`  ${t('verifyPage.signatures.time')}: ${when ? `${when.local} (${when.utc})` : t('verifyPage.signatures.timeNotStated')}`);
    lines.push(`  ${t('verifyPage.signatures.integrity')}: ${t(s.intact ? 'verify.intact' : 'verify.broken')}${!s.intact && s.problem ? ` (${t(`verify.reason.${s.problem}`)})` : ''}`);
    lines.push(`  ${t('verifyPage.signatures.coverage')}: ${t(s.coversWholeFile ? 'verify.covers.whole' : 'verify.covers.part')}`);
    lines.push(`  ${t('verifyPage.signatures.trust')}: ${t(`verify.trust.${s.trust}`)}`);
    if (s.certificate.subject) {
      lines.push(`  ${t('verifyPage.certificate.subject')}: ${s.certificate.subject}`);
      lines.push(`  ${t('verifyPage.certificate.issuer')}: ${s.certificate.issuer}`);
      lines.push(`  ${t('verifyPage.certificate.serial')}: ${s.certificate.serialNumber}`);
      lines.push(
        `  ${t('verifyPage.certificate.validity')}: ${t('verifyPage.certificate.validRange', { from: formatDay(s.certificate.notBefore, language), to: formatDay(s.certificate.notAfter, language) })}`,
      );
      lines.push(`  ${t('verifyPage.certificate.fingerprint')}: ${s.certificate.sha256}`);
    }
  }

  const e = report.evidence;
  if (e) {
    const yesNo = (ok: boolean) => t(ok ? 'verifyPage.yes' : 'verifyPage.no');
    lines.push('');
    lines.push(`${t('verifyPage.evidence.title')}:`);
    lines.push(`  ${t('verifyPage.evidence.documentNumber')}: ${e.documentNumber}`);
    lines.push(`  ${t('verifyPage.evidence.documentId')}: ${e.documentId}`);
    lines.push(`  ${t('verifyPage.evidence.chain')}: ${yesNo(e.chainIntact)}`);
    lines.push(`  ${t('verifyPage.evidence.original')}: ${yesNo(e.originalIntact)}`);
    lines.push(`  ${t('verifyPage.evidence.chainHead')}: ${e.chainHead}`);
  }
  return `${lines.join('\n')}\n`;
}
