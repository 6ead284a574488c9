import { randomUUID, X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { P12Signer } from '@libpdf/core';
import { AppError } from '../../src-shared/contract/errors';
import type { UiLanguage } from '../../src-shared/settings/schema';
import { appendEvent } from '../evidence/chain';
import { composeDocument } from '../pdf/compose/compose';
import { inspectPdf } from '../pdf/inspect';
import { sealPdf } from '../pdf/seal';
import { loadP12FromEnv } from '../secrets/env-p12';
import { readInputFile } from './read-input';
import type { CommandResult } from './verify-command';
import { subjectField } from '../pdf/subject';

export interface SealArgs {
  input: string;
  output: string;
  title?: string | undefined;
  p12?: string | undefined;
  passwordEnv?: string | undefined;
  language: UiLanguage;
  resourcesDir: string;
  /** Where the password variable is looked up. */
  env: NodeJS.ProcessEnv;
  now?: Date;
}

/**
 * `signet seal IN.pdf -o OUT.pdf [--title T] --p12 FILE --password-env VAR`: a plain company seal for IT batch work —
 * the certificate page (no personal signers), the evidence, and a PAdES seal with the key from the PKCS#12.
 */
export async function sealCommand(args: SealArgs): Promise<CommandResult> {
  if (!args.p12 || !args.passwordEnv) throw new AppError('VALIDATION', 'cli.p12Required');
  const original = await readInputFile(args.input);
  const info = await inspectPdf(original);
  const material = await loadP12FromEnv({ path: args.p12, passwordEnv: args.passwordEnv, env: args.env });
  let signer: P12Signer;
  try {
    signer = await P12Signer.create(material.bytes, material.password);
  } catch {
    throw new AppError('VALIDATION', 'cli.p12Rejected', { path: material.path });
  }
  const certificate = new X509Certificate(signer.certificate);
  const companyName = subjectField(certificate.subject, 'O') ?? subjectField(certificate.subject, 'CN') ?? 'Signet';
  const now = args.now ?? new Date();
  const documentId = randomUUID();
  let events = appendEvent([], { at: now.toISOString(), type: 'created', actor: companyName, details: { file: path.basename(args.input) } });
  events = appendEvent(events, { at: now.toISOString(), type: 'sealed', actor: companyName });

  const { bytes: composed } = await composeDocument(
    original,
    {
      documentId,
      documentNumber: `SEAL-${now.toISOString().slice(0, 10)}-${documentId.slice(0, 8)}`,
      title: args.title ?? path.basename(args.input, path.extname(args.input)),
      companyName,
      originalSha256: info.sha256,
      originalSize: info.size,
      originalPages: info.pageCount,
      signers: [],
      events,
      language: args.language,
    },
    args.resourcesDir,
  );
  const sealed = await sealPdf(composed, signer, { reason: 'Signet company seal', signingTime: now });
  await writeAtomically(args.output, sealed);
  return { exitCode: 0, stdout: `${args.output}: sealed by ${companyName} (${sealed.length} bytes, document ${documentId})\n` };
}

/** Never a half-written output: a temporary file beside it, then a rename. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.part`;
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw new AppError('STORE_UNAVAILABLE', 'cli.cannotWrite', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
}
