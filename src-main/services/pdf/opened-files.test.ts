import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { refusalOf } from '../../test-support/app-error';
import { resourcesDir, startTestApp, tempDir, type TestApp } from '../../test-support/temp-services';
import { openedFiles } from './opened-files';

/* "Open with Signet" (issue 10): the PDF the OS handed the shell, taken once by the window for Verify. */
let app: TestApp | undefined;
afterEach(() => app?.close());

it('hands the opened PDF to the window once, byte for byte; the next asks get none', async () => {
  const opened = openedFiles();
  app = await startTestApp({ openedFiles: opened });
  expect(await app.ok('verify.takeOpened', {})).toEqual({ file: null });
  const sample = path.join(resourcesDir, 'samples', 'nda-pl.pdf');
  opened.push(sample);
  const { file } = await app.ok('verify.takeOpened', {});
  expect(file?.name).toBe('nda-pl.pdf');
  expect(Buffer.from(file!.data, 'base64').equals(fs.readFileSync(sample))).toBe(true);
  expect(await app.ok('verify.takeOpened', {})).toEqual({ file: null });
});

it('says why a file cannot be taken: gone since, a folder, over the limit (refused by its size, unread)', async () => {
  const opened = openedFiles();
  app = await startTestApp({ openedFiles: opened });
  const dir = tempDir('signet-opened-');
  opened.push(path.join(dir, 'usunięta.pdf'));
  expect(await refusalOf(app.call('verify.takeOpened', {}))).toMatchObject({ code: 'NOT_FOUND', messageKey: 'pdf.unreadable', details: { reason: 'ENOENT' } });
  fs.mkdirSync(path.join(dir, 'folder.pdf'));
  opened.push(path.join(dir, 'folder.pdf'));
  expect(await refusalOf(app.call('verify.takeOpened', {}))).toMatchObject({ code: 'NOT_FOUND', messageKey: 'pdf.notAFile' });
  // A sparse file: its size on disk says 101 MB without writing them.
  const huge = path.join(dir, 'skan.pdf');
  fs.writeFileSync(huge, '%PDF-1.7\n');
  fs.truncateSync(huge, 101 * 1024 * 1024);
  opened.push(huge);
  expect(await refusalOf(app.call('verify.takeOpened', {}))).toMatchObject({ code: 'PDF_REFUSED', messageKey: 'pdf.tooLarge', details: { limitMb: 100 } });
});
