import { tokenParam } from '../../src-shared/contract/wire';

const storageKey = 'signet.token';

/**
 * The browser host's per-launch token arrives in the URL fragment (`#token=HEX`): fragments are never sent to a server
 * or written to its logs. It is kept in sessionStorage (so a reload of the tab still works) and removed from the
 * visible URL so it is not copied along with a screenshot or a bookmark.
 */
export function takeToken(): string | null {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get(tokenParam);
  if (fromUrl && /^[0-9a-fA-F]+$/.test(fromUrl)) {
    try {
      sessionStorage.setItem(storageKey, fromUrl);
    } catch {
      // Storage may be disabled; the token still works for this page load.
    }
    fragment.delete(tokenParam);
    const rest = fragment.toString();
    const url = `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`;
    window.history.replaceState(window.history.state, '', url);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}
