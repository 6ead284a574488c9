/** Where the page's forms may post: the one way the renderer's and the portal's policies differ. */
export interface CspOptions {
  /** `'none'` where no form is ever posted; `'self'` where a form may post back to its own server. */
  formAction: "'none'" | "'self'";
}

/**
 * The Content-Security-Policy of every page this project serves, built in one place so no page gets a weaker copy.
 * Nothing by default; then each thing the page needs named: its own origin's scripts, styles, fonts and workers (pdf.js
 * runs its worker from a file of this origin), images from it and from the blob: and data: URLs pdf.js draws into. No
 * inline or remote script, no eval (the pages configure zod and pdf.js without it), no plugins, no <base>, never framed.
 */
export function contentSecurityPolicy({ formAction }: CspOptions): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Back to the page's own origin only (in the browser host that includes its WebSocket).
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The renderer's, sent by both hosts (the Electron `app://` protocol and the browser host): it posts no form. */
export const rendererCsp = contentSecurityPolicy({ formAction: "'none'" });

/**
 * The same policy as a `<meta>` in the renderer's index.html, so that the page carries it whoever serves it (and the
 * security scan, which reads HTML, sees it): a `<meta>` cannot hold `frame-ancestors` (the browser ignores it there
 * with a console error), which only the headers send.
 */
export const rendererMetaCsp = rendererCsp
  .split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

/** The company server's portal pages: requests back to that server only, and a form may post back to it. */
export const portalCsp = contentSecurityPolicy({ formAction: "'self'" });
