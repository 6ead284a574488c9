/**
 * The renderer's Content-Security-Policy, sent by both hosts (the Electron `app://` protocol and the browser host).
 * No inline or remote script, no eval, no plugins, no framing; network only back to the page's own origin
 * (which, in the browser host, includes its WebSocket).
 */
export const rendererCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
