/**
 * The signing screen's address. The browser host shows it as a hash route (`#/sign/<documentId>`), and the Electron
 * shell turns a `signet://sign/<documentId>` link into the same hash, so one parser serves both.
 */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The document a hash (`#/sign/<id>`, with or without the `#`) or a `signet://sign/<id>` link names; null for anything else. */
export function parseSignRoute(address: string): string | null {
  const path = address.startsWith('signet://') ? `/${address.slice('signet://'.length)}` : address.replace(/^#/, '');
  const match = /^\/sign\/([^/?#&]+)\/?$/.exec(path);
  if (!match?.[1]) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return uuid.test(id) ? id.toLowerCase() : null;
}

export function signRouteHash(documentId: string): string {
  return `#/sign/${encodeURIComponent(documentId)}`;
}
