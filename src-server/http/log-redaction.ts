/**
 * A request's URL as the logs keep it: a signing link's token is a password to the document, so `/s/<token>` and
 * `/api/v1/portal/links/<token>/…` are logged with the token replaced. What follows it (`/code`) and the query stay.
 */
const tokenPaths = /^(\/+s\/+|\/+api\/+v1\/+portal\/+links\/+)[^/?#]+/i;

export function redactUrl(url: string): string {
  return url.replace(tokenPaths, '$1[token]');
}
