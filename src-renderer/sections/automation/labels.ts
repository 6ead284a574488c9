import type { TFunction } from 'i18next';
import type { AutomationView, Rule, RuleAction, Timing, Trigger } from '../../../src-shared/automation/automation';
import type { Condition, ConditionTest } from '../../../src-shared/automation/conditions';
import type { User } from '../../../src-shared/company/schema';
import type { Stage } from '../../../src-shared/documents/stages';
import { formatMoney, stageName } from '../board/format';

/*
 * How the Automation section names things: a rule or trigger by its own name, else by what it does ("E-mail the
 * sealed PDF to every party", "Signed by the company"), and one line each for an action, a timing and a condition.
 */

/** What the names are looked up in: employees and stages by id, numbers in the UI language. */
export interface Names {
  users: readonly User[];
  stages: readonly Stage[];
  language: string;
}

const userName = (names: Names, id: string) => names.users.find((u) => u.id === id)?.name ?? id;
const stageLabel = (t: TFunction, names: Names, id: string) => {
  const stage = names.stages.find((s) => s.id === id);
  return stage ? stageName(t, stage) : t('automation.section.stageGone');
};

export function actionSummary(t: TFunction, action: RuleAction, names: Names): string {
  switch (action.kind) {
    case 'notify':
      return t(action.email ? 'automation.actions.summary.notifyEmail' : 'automation.actions.summary.notify', { name: userName(names, action.userId) });
    case 'emailSealed': {
      const to = action.to.join(', ');
      if (action.toParties && to) return t('automation.actions.summary.emailSealedPartiesAnd', { to });
      return action.toParties ? t('automation.actions.summary.emailSealedParties') : t('automation.actions.summary.emailSealedTo', { to });
    }
    case 'setOwner':
      return t('automation.actions.summary.setOwner', { name: userName(names, action.userId) });
    case 'addTag':
      return t('automation.actions.summary.addTag', { tag: action.tag });
    case 'moveTo':
      return t('automation.actions.summary.moveTo', { stage: stageLabel(t, names, action.stageId) });
    case 'webhook':
      return t('automation.actions.summary.webhook', { url: action.url });
    case 'waitFor':
      return t('automation.actions.summary.waitFor', { condition: conditionSummary(t, action.condition, names) });
    default:
      return t(`automation.actions.kinds.${action.kind}`);
  }
}

export function timingSummary(t: TFunction, timing: Timing): string {
  if (timing.kind === 'immediately') return t('automation.timing.summary.immediately');
  if (timing.kind === 'at') return timing.days ? t('automation.timing.summary.atDaysLater', { time: timing.time, count: timing.days }) : t('automation.timing.summary.at', { time: timing.time });
  const { minutes } = timing;
  if (minutes % 1440 === 0) return t('automation.timing.summary.afterDays', { count: minutes / 1440 });
  if (minutes % 60 === 0) return t('automation.timing.summary.afterHours', { count: minutes / 60 });
  return t('automation.timing.summary.afterMinutes', { count: minutes });
}

function testValue(t: TFunction, test: ConditionTest, names: Names): string {
  if (test.value === undefined) return '';
  if (test.field === 'amount' && typeof test.value === 'number' && test.currency) return formatMoney(Math.round(test.value * 100), test.currency, names.language);
  if (test.field === 'owner' && typeof test.value === 'string') return userName(names, test.value);
  if (typeof test.value === 'number') return test.value.toLocaleString(names.language);
  return t('automation.editor.quoted', { value: test.value });
}

export function testSummary(t: TFunction, test: ConditionTest, names: Names): string {
  const field = t(`automation.editor.fields.${test.field}`);
  const op = t(test.field === 'tag' ? 'automation.editor.ops.hasTag' : `automation.editor.ops.${test.op}`);
  const value = testValue(t, test, names);
  return value ? t('automation.editor.testSummary', { field, op, value }) : t('automation.editor.testSummaryNoValue', { field, op });
}

/** "Amount is more than 10 000,00 zł and Department is “Sales”"; empty for no condition. */
export function conditionSummary(t: TFunction, condition: Condition | undefined, names: Names): string {
  if (!condition || condition.tests.length === 0) return '';
  return condition.tests.map((test) => testSummary(t, test, names)).join(t(condition.match === 'all' ? 'automation.editor.joinAll' : 'automation.editor.joinAny'));
}

export function ruleTitle(t: TFunction, rule: Pick<Rule, 'name' | 'action'>, names: Names): string {
  return rule.name?.trim() || actionSummary(t, rule.action, names);
}

export function triggerTitle(t: TFunction, trigger: Pick<Trigger, 'name' | 'event'>): string {
  return trigger.name?.trim() || t(`automation.events.${trigger.event}`);
}

/** The rule or trigger a log entry or a dry-run step came from, by its name now; one deleted since is said so. */
export function sourceTitle(t: TFunction, view: AutomationView | null, kind: 'rule' | 'trigger', id: string, names: Names): string {
  if (kind === 'rule') {
    const rule = view?.rules.find((r) => r.id === id);
    return rule ? ruleTitle(t, rule, names) : t('automation.log.deletedRule');
  }
  const trigger = view?.triggers.find((tr) => tr.id === id);
  return trigger ? triggerTitle(t, trigger) : t('automation.log.deletedTrigger');
}
