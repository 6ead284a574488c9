import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeAutomationEvent } from './automation-events';
import { makeTranslators } from '../../i18n/test-translators';

let tEn: TFunction;
let tPl: TFunction;

beforeAll(async () => {
  ({ tEn, tPl } = await makeTranslators());
});

describe('automation’s entries in a document’s history', () => {
  it('names the action, whether a rule or a trigger took it, and why it was skipped, failed or done with a note', () => {
    const say = (t: TFunction, type: string, details?: Record<string, string>) => describeAutomationEvent(t, { type, details });
    expect(say(tEn, 'automationRan', { rule: 'r1', action: 'notify', outcome: 'done' })).toBe('Automation: Notify an employee (rule) — done');
    expect(say(tEn, 'automationRan', { trigger: 't1', action: 'moveTo', outcome: 'done', reason: 'automation.alreadyInStage' })).toMatch(/^Automation: Move to another stage \(trigger\) — done: \S/);
    expect(say(tEn, 'automationRan', { rule: 'r1', action: 'webhook', outcome: 'failed', reason: 'automation.failedAttempt: HTTP 500' })).toMatch(/^Automation: Call a webhook \(rule\) — failed: .+ \(HTTP 500\)$/);
    expect(say(tPl, 'automationRan', { rule: 'r1', action: 'addTag', outcome: 'skipped', reason: 'automation.conditionNotMet' })).toMatch(/^Automatyzacja: .+ \(reguła\) — pominięto: \S/);
    expect(say(tEn, 'automationRan', { rule: 'r1', action: 'notify', outcome: 'done', reason: 'automation.delegated', byServer: 'true' })).toMatch(/^Automation: Notify an employee \(rule, on the company server\) — done: Handed to the desktop/);
    expect(say(tPl, 'automationRan', { trigger: 't1', action: 'moveTo', outcome: 'done', byServer: 'true' })).toMatch(/^Automatyzacja: .+ \(wyzwalacz, na serwerze firmy\) — wykonano$/);
    expect(say(tPl, 'automationStopped', { reason: 'automation.loopStopped' })).toMatch(/^Automatyzacja zatrzymana dla tego dokumentu: \S/);
    expect(say(tEn, 'signed', { signer: '1' })).toBeUndefined();
  });
});
