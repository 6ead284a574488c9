import path from 'node:path';

/**
 * The PDF in a command line, as Windows and Linux start the app for "Open with Signet" (`Signet.exe C:\…\Umowa.pdf`,
 * also handed to the running copy as a second instance's argv): the first argument that names a `.pdf` file which is
 * there. Options, the `signet://` link and the app's own path are not files; a relative path is the caller's folder's.
 */
export function findPdfArg(argv: readonly string[], isFile: (file: string) => boolean, cwd: string = process.cwd()): string | undefined {
  for (const arg of argv) {
    if (typeof arg !== 'string' || arg.startsWith('-') || !/\.pdf$/i.test(arg)) continue;
    const file = path.resolve(cwd, arg);
    if (isFile(file)) return file;
  }
  return undefined;
}
