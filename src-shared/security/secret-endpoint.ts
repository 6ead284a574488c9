/** The host names that reach this computer only, as `URL.hostname` spells them (IPv6 in brackets). */
export const loopbackHostnames: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * An address a secret may be sent to: https, or plain http to this computer only (a gateway on localhost, the
 * stand-ins the tests run). Anything else would carry an API token in clear text over the network.
 */
export function isAllowedEndpoint(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && loopbackHostnames.includes(url.hostname);
}
