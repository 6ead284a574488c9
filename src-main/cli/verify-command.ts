import type { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import { AppError } from '../../src-shared/contract/errors';
import type { Translate } from '../../src-shared/i18n/translate';
import { verifyExitCodes, type VerificationReport } from '../../src-shared/pdf/verification';
import { parseCertificates } from '../pdf/certificate-info';
import { verifyPdf } from '../pdf/verify';
import { readInputFile } from './read-input';

export interface VerifyArgs {
  file: string;
  json: boolean;
  trust: string[];
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
}

/** `signet verify FILE [--json] [--trust CA.pem]…`: exit 0 valid, 1 tampered, 2 unreadable or unsigned, 3 untrusted. */
export async function verifyCommand(args: VerifyArgs, t: Translate): Promise<CommandResult> {
  const bytes = await readInputFile(args.file);
  const anchors = { company: [], imported: (await Promise.all(args.trust.map(readCertificates))).flat() };
  const report = await verifyPdf(bytes, anchors);
  const exitCode = verifyExitCodes[report.verdict];
  return { exitCode, stdout: args.json ? `${JSON.stringify({ file: args.file, exitCode, ...report }, null, 2)}\n` : describe(report, args.file, t) };
}

/** A CA file as partners send it: DER, or PEM with one or more certificates (a bundle, e.g. Settings' export). */
async function readCertificates(file: string): Promise<X509Certificate[]> {
  const certs = parseCertificates(await fs.readFile(file).catch(() => new Uint8Array()));
  if (!certs) throw new AppError('VALIDATION', 'cli.badTrustFile', { file });
  return certs;
}

function describe(report: VerificationReport, file: string, t: Translate): string {
  const lines = [`${file}: ${t(`verify.verdict.${report.verdict}`)}`];
  for (const reason of report.reasons) if (reason !== `verify.reason.${report.verdict}`) lines.push(`  - ${t(reason)}`);
  for (const s of report.signatures) {
    lines.push(
      `  ${t('verify.signature', { n: s.index + 1, name: [s.signerName, s.signerOrganization].filter(Boolean).join(', ') || '?' })}`,
      `      ${[s.intact ? t('verify.intact') : t('verify.broken'), s.signedAt ? t('verify.signedAt', { time: s.signedAt }) : null, t(s.coversWholeFile ? 'verify.covers.whole' : 'verify.covers.part'), t(`verify.trust.${s.trust}`)].filter(Boolean).join('; ')}`,
    );
  }
  lines.push(`  SHA-256 ${report.sha256}`);
  return `${lines.join('\n')}\n`;
}
