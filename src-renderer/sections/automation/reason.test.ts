import { describe, expect, it } from 'vitest';
import { makeTranslators } from '../../i18n/test-translators';
import { reasonText } from './messages';
import { parseReason } from './reason';

describe('parseReason', () => {
  it('splits a message key from the detail after it', () => {
    expect(parseReason('automation.webhook.refused: 500')).toEqual({ key: 'automation.webhook.refused', detail: '500' });
    expect(parseReason('automation.webhook.refused: HTTP 502: Bad Gateway')).toEqual({ key: 'automation.webhook.refused', detail: 'HTTP 502: Bad Gateway' });
    expect(parseReason('automation.loopStopped')).toEqual({ key: 'automation.loopStopped' });
    expect(parseReason('automation.loopStopped:   ')).toEqual({ key: 'automation.loopStopped' });
  });

  it('keeps a reason that does not start with a key as its text', () => {
    expect(parseReason('connect ECONNREFUSED 127.0.0.1:9')).toEqual({ detail: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(parseReason(undefined)).toBeNull();
    expect(parseReason('  ')).toBeNull();
  });
});

describe('reasonText', () => {
  it('translates the key and shows the detail beside it, in both languages', async () => {
    const { tEn, tPl } = await makeTranslators();
    expect(reasonText(tEn, 'automation.webhook.refused: 500')).toBe('The webhook refused the call. (500)');
    expect(reasonText(tPl, 'automation.webhook.refused: 500')).toBe('Webhook odrzucił wywołanie. (500)');
    expect(reasonText(tEn, 'automation.loopStopped')).toMatch(/^Stopped: /);
    // A key this version does not know is shown as sent, not as a generic error.
    expect(reasonText(tEn, 'automation.somethingNew: x')).toBe('automation.somethingNew (x)');
    expect(reasonText(tEn, undefined)).toBe('');
  });

  it('has a text for every reason and dry-run outcome the engine sends', async () => {
    const { tEn, tPl } = await makeTranslators();
    const keys = [
      'conditionNotMet', 'leftStage', 'alreadyInStage', 'loopStopped', 'actionUnreadable', 'actionUnavailable', 'failedAttempt', 'webhook.noSecret', 'webhook.refused', 'send.noPlan', 'send.outAlready', 'notSealed', 'noPartyAddress', 'log.notFailed',
      'dryRun.outcomes.wouldRun', 'dryRun.outcomes.conditionNotMet', 'dryRun.outcomes.refused', 'dryRun.outcomes.alreadyInStage', 'dryRun.outcomes.waitsFor',
    ].map((k) => `automation.${k}`);
    for (const t of [tEn, tPl]) for (const key of keys) expect(t(key), key).not.toBe(key);
  });
});
