import { X509Certificate } from 'node:crypto';
import { P12Signer, type Signer } from '@libpdf/core';
import { AppError } from '../../../src-shared/contract/errors';
import { keySigner } from '../../pdf/identity';
import { sealPdf, type SealOptions } from '../../pdf/seal';
import { open } from '../../secrets/envelope';
import type { ServiceContext } from '../context';
import { parseKeyRef, secretStoreAt } from './key-location';
import { activeSeal, chainOf } from './records';

/** The secret kept for an imported PKCS#12: the key of its envelope in the file store, and the password that opens it. */
export interface P12Secret {
  key: string;
  password: string;
}

/** The signer for the company's active seal, its key read from where the record says just before it is used. */
export async function companySigner(ctx: ServiceContext): Promise<Signer> {
  const seal = await activeSeal(ctx);
  if (!seal?.key_account) throw new AppError('VALIDATION', 'identity.problem.noSeal');
  const { location, account } = parseKeyRef(seal.key_account);
  const secret = await secretStoreAt(ctx, location).get(account);
  if (secret === null) throw new AppError('VALIDATION', 'identity.problem.keyMissing');
  if (seal.key_file) {
    const { key, password } = JSON.parse(secret) as P12Secret;
    const p12 = open(await ctx.files.read(seal.key_file), Buffer.from(key, 'base64'));
    if (!p12) throw new AppError('VALIDATION', 'identity.problem.keyMissing');
    return P12Signer.create(p12, password);
  }
  const chain = await chainOf(ctx, new X509Certificate(seal.pem));
  return keySigner(secret, seal.pem, chain.map((c) => c.toString()));
}

/** Seals a composed document with the company's certificate (see `sealPdf`). */
export async function sealWithCompany(ctx: ServiceContext, bytes: Uint8Array, options: SealOptions = {}): Promise<Uint8Array> {
  return sealPdf(bytes, await companySigner(ctx), options);
}
