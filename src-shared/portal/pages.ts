/*
 * The portal's pages, as the server routes them and the page tells them apart: each is the same index.html, and the
 * page shows what its path names. Served from the server's root, beside the API under /api/v1.
 */
export const portalPaths = {
  home: '/',
  verify: '/verify',
  /** A signer's link (`/s/<token>`): the page asks the server what the token is (src-renderer/portal/signing). */
  signing: '/s/:token',
} as const;

export type PortalPage = { kind: 'home' } | { kind: 'verify' } | { kind: 'signing'; token: string } | { kind: 'notFound' };

/** What a path shows (a trailing slash is the same page). */
export function portalPageOf(pathname: string): PortalPage {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { kind: 'home' };
  if (path === portalPaths.verify) return { kind: 'verify' };
  const signing = /^\/s\/([^/]+)$/.exec(path);
  if (signing) return { kind: 'signing', token: signing[1]! };
  return { kind: 'notFound' };
}
