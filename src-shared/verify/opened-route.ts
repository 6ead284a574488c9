/*
 * "Open with Signet" on a PDF (issue 10, item 1: the installers associate .pdf with the app): the shell keeps the file
 * the OS handed it and sends the window to this address; the window then asks for the file (`verify.takeOpened`)
 * and checks it in Verify. One address for both hosts, as the sign and enrol routes are.
 */
export const openedFileHash = '#/verify/opened';

export function isOpenedFileRoute(hash: string): boolean {
  return /^#?\/verify\/opened\/?$/.test(hash);
}
