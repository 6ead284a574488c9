import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPdfArg } from './opened-file';

describe('the PDF an "Open with Signet" command line names', () => {
  const files = new Set([path.resolve('/home/anna/Umowa NDA.pdf'), path.resolve('/srv/work/oferta.PDF')]);
  const isFile = (file: string) => files.has(file);

  it('is the first argument naming a .pdf file that is there, relative ones from the caller\u2019s folder', () => {
    expect(findPdfArg(['/opt/Signet/signet', '--no-sandbox', '/home/anna/Umowa NDA.pdf'], isFile)).toBe(path.resolve('/home/anna/Umowa NDA.pdf'));
    expect(findPdfArg(['oferta.PDF'], isFile, '/srv/work')).toBe(path.resolve('/srv/work/oferta.PDF'));
  });

  it('is not an option, a link, a file that is not there, or something that is not a PDF', () => {
    expect(findPdfArg(['--file=/home/anna/Umowa NDA.pdf', 'signet://sign/1', '/home/anna/brak.pdf', '/home/anna/Umowa NDA.docx'], isFile)).toBeUndefined();
  });
});
