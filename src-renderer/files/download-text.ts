/**
 * Saves text (or bytes: a PKCS#12) through a Blob and a temporary `<a download>`: no navigation, no server round trip,
 * nothing for the CSP to allow. In Electron the same download opens the save dialog.
 */
export function downloadText(filename: string, text: string | Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: the browser may still be reading the Blob when click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
