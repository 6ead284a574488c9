import type { TFunction } from 'i18next';
import { parseReason } from './reason';

/** A message key the engine sent, translated with its values; a key this version does not know is shown as it is. */
export function messageText(t: TFunction, key: string, params?: Record<string, string>): string {
  return t(key, { ...params, defaultValue: key });
}

/** A failed job's reason: the key's text, and the detail after it ("The webhook refused the call — HTTP 500"). */
export function reasonText(t: TFunction, reason: string | undefined): string {
  const parsed = parseReason(reason);
  if (!parsed) return '';
  if (!parsed.key) return parsed.detail ?? '';
  const text = messageText(t, parsed.key, parsed.detail ? { detail: parsed.detail } : undefined);
  return parsed.detail && !text.includes(parsed.detail) ? t('automation.log.reasonWithDetail', { reason: text, detail: parsed.detail }) : text;
}
