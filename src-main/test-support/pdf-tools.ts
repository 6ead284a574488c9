import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findSignatures, signedBytes } from '../pdf/signatures';
import { tempDir } from './temp-services';

/**
 * Independent validators, run as a person would run them. pdfsig and mutool exit 0 even for a broken signature, so
 * their words are read, not their exit codes.
 */
export function writeTemp(bytes: Uint8Array, name = 'file.pdf'): string {
  const file = path.join(tempDir('signet-pdf-'), name);
  fs.writeFileSync(file, bytes);
  return file;
}

export function pdfsig(file: string, nssDir?: string): string {
  const args = nssDir ? ['-nssdir', `sql:${nssDir}`, file] : [file];
  const result = spawnSync('pdfsig', args, { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

export function mutoolVerify(file: string): string {
  const result = spawnSync('mutool', ['sign', '-v', file], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

/** `openssl cms -verify` of the last signature over its byte ranges; true when openssl accepts it. */
export function opensslVerify(bytes: Uint8Array, caPem?: string): boolean {
  const buf = Buffer.from(bytes);
  const sig = findSignatures(buf).at(-1);
  if (!sig?.cms) return false;
  const dir = tempDir('signet-openssl-');
  fs.writeFileSync(path.join(dir, 'sig.der'), sig.cms);
  fs.writeFileSync(path.join(dir, 'data.bin'), signedBytes(buf, sig.byteRange));
  const trust = caPem ? ['-CAfile', writeTempText(dir, 'ca.pem', caPem), '-purpose', 'any'] : ['-noverify'];
  const result = spawnSync(
    'openssl',
    ['cms', '-verify', '-inform', 'DER', '-in', path.join(dir, 'sig.der'), '-binary', '-content', path.join(dir, 'data.bin'), ...trust, '-out', '/dev/null'],
    { encoding: 'utf8' },
  );
  return result.status === 0;
}

/** An NSS database that trusts one CA, so pdfsig can say "Certificate is Trusted". */
export function nssTrusting(caPem: string): string {
  const dir = tempDir('signet-nss-');
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'signet-ca', '-t', 'CT,C,C', '-i', writeTempText(dir, 'ca.pem', caPem)]);
  return dir;
}

/** qpdf rewrites of a file: object streams, xref streams, linearized, uncompressed. */
export function qpdfVariants(file: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const variants: Record<string, string[]> = {
    objectStreams: ['--object-streams=generate'],
    linearized: ['--linearize'],
    uncompressed: ['--qdf', '--object-streams=disable'],
  };
  for (const [name, args] of Object.entries(variants)) {
    const target = `${file}.${name}.pdf`;
    execFileSync('qpdf', [...args, file, target]);
    out[name] = new Uint8Array(fs.readFileSync(target));
  }
  return out;
}

/**
 * The same document as other producers write it: Ghostscript's pdfwrite (as "print to PDF" drivers and PostScript
 * workflows do), poppler's cairo backend (as GTK/LibreOffice-on-Linux printing does), and MuPDF's garbage-collecting
 * rewrite — three more PDF writers, each with its own object layout, fonts and xref.
 */
export function producerVariants(file: string): Record<string, Uint8Array> {
  const make: Record<string, (target: string) => [string, string[]]> = {
    ghostscript: (target) => ['gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${target}`, file]],
    cairo: (target) => ['pdftocairo', ['-pdf', file, target]],
    mupdf: (target) => ['mutool', ['clean', '-gggg', '-z', file, target]],
  };
  const out: Record<string, Uint8Array> = {};
  for (const [name, command] of Object.entries(make)) {
    const target = `${file}.${name}.pdf`;
    const [tool, args] = command(target);
    execFileSync(tool, args, { stdio: 'pipe' });
    out[name] = new Uint8Array(fs.readFileSync(target));
  }
  return out;
}

/** Adds an annotation the way another PDF tool would: MuPDF saving an incremental revision after the seal. */
export function appendAnnotationWithMutool(bytes: Uint8Array): Uint8Array {
  const file = writeTemp(bytes);
  const script = writeTempText(path.dirname(file), 'add.js', [
    'var doc = new PDFDocument(scriptArgs[0]);',
    'var annot = doc.loadPage(0).createAnnotation("Text");',
    'annot.setContents("Changed after signing");',
    'annot.setRect([50, 50, 70, 70]);',
    'annot.update();',
    'doc.save(scriptArgs[0], "incremental");',
  ].join('\n'));
  execFileSync('mutool', ['run', script, file]);
  return new Uint8Array(fs.readFileSync(file));
}

function writeTempText(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
