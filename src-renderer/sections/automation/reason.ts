/*
 * A failed job's reason as the engine stores it: a message key, maybe followed by ": " and a detail the key's text
 * does not hold (the webhook's HTTP status, the mail server's answer). Anything else is shown as it is.
 */

const messageKey = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/;

export interface Reason {
  /** The message key, when the reason starts with one. */
  key?: string | undefined;
  /** What follows the key, or the whole text when there is no key. */
  detail?: string | undefined;
}

export function parseReason(reason: string | undefined): Reason | null {
  const text = reason?.trim();
  if (!text) return null;
  const colon = text.indexOf(':');
  const head = colon === -1 ? text : text.slice(0, colon);
  if (!messageKey.test(head)) return { detail: text };
  const detail = colon === -1 ? '' : text.slice(colon + 1).trim();
  return detail ? { key: head, detail } : { key: head };
}
