/**
 * Puts text on the clipboard. The asynchronous Clipboard API works in Electron and on the browser host (127.0.0.1 is a
 * secure context); where it is refused, a hidden text area and `execCommand('copy')` still work in Chromium.
 * Focus goes back to where it was, so the keyboard user stays on the button they pressed.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Fall through to the older way.
  }
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  } finally {
    area.remove();
    previous?.focus();
  }
  return ok;
}
