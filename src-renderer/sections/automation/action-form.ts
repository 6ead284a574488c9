import type { RuleAction, RuleActionKind } from '../../../src-shared/automation/automation';
import { conditionFormOf, conditionOf, emptyCondition, type ConditionForm, type TestError } from './condition-form';

/*
 * The rule editor's action fields as typed (one set for every kind, so switching kinds keeps what was typed), and
 * the `RuleAction` they stand for.
 */

export const actionKinds = ['sendForSignature', 'remind', 'notify', 'emailSealed', 'setOwner', 'addTag', 'moveTo', 'webhook', 'waitFor'] as const satisfies readonly RuleActionKind[];

export interface ActionForm {
  kind: RuleActionKind;
  userId: string;
  message: string;
  /** notify: an e-mail as well as the in-app notice. */
  email: boolean;
  /** emailSealed: addresses separated by commas, semicolons or new lines. */
  to: string;
  toParties: boolean;
  tag: string;
  stageId: string;
  url: string;
  secretName: string;
  /** webhook: a new secret for the keychain under `secretName`; empty keeps the one stored. Never part of the rule. */
  secret: string;
  waitFor: ConditionForm;
}

export function actionFormOf(action: RuleAction | undefined, defaults: { userId: string; stageId: string }): ActionForm {
  const form: ActionForm = { kind: 'sendForSignature', userId: defaults.userId, message: '', email: true, to: '', toParties: true, tag: '', stageId: defaults.stageId, url: '', secretName: '', secret: '', waitFor: emptyCondition() };
  if (!action) return form;
  switch (action.kind) {
    case 'notify':
      return { ...form, kind: action.kind, userId: action.userId, message: action.message ?? '', email: action.email };
    case 'emailSealed':
      return { ...form, kind: action.kind, to: action.to.join(', '), toParties: action.toParties };
    case 'setOwner':
      return { ...form, kind: action.kind, userId: action.userId };
    case 'addTag':
      return { ...form, kind: action.kind, tag: action.tag };
    case 'moveTo':
      return { ...form, kind: action.kind, stageId: action.stageId };
    case 'webhook':
      return { ...form, kind: action.kind, url: action.url, secretName: action.secretName };
    case 'waitFor':
      return { ...form, kind: action.kind, waitFor: conditionFormOf(action.condition) };
    default:
      return { ...form, kind: action.kind };
  }
}

export const splitAddresses = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((a) => a.trim())
    .filter(Boolean);

const plainEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type ActionField = 'userId' | 'to' | 'tag' | 'stageId' | 'url' | 'secretName' | 'waitFor';
export type ActionResult = { action: RuleAction; errors?: undefined } | { action?: undefined; errors: { field?: ActionField; key: string; tests?: Record<number, TestError> } };

/** The action the fields say, or what is wrong (a message key, and for "wait for", the condition rows' problems). */
export function actionOf(form: ActionForm): ActionResult {
  const fail = (field: ActionField, key: string): ActionResult => ({ errors: { field, key } });
  switch (form.kind) {
    case 'sendForSignature':
    case 'remind':
      return { action: { kind: form.kind } };
    case 'notify': {
      if (!form.userId) return fail('userId', 'validation.required');
      const message = form.message.trim();
      return { action: { kind: 'notify', userId: form.userId, email: form.email, ...(message ? { message } : {}) } };
    }
    case 'emailSealed': {
      const to = splitAddresses(form.to);
      const wrong = to.find((a) => !plainEmail.test(a));
      if (wrong) return fail('to', 'automation.editor.badAddress');
      if (to.length > 20) return fail('to', 'automation.editor.tooManyAddresses');
      if (to.length === 0 && !form.toParties) return fail('to', 'automation.rules.noRecipients');
      return { action: { kind: 'emailSealed', to, toParties: form.toParties } };
    }
    case 'setOwner':
      return form.userId ? { action: { kind: 'setOwner', userId: form.userId } } : fail('userId', 'validation.required');
    case 'addTag': {
      const tag = form.tag.trim();
      return tag ? { action: { kind: 'addTag', tag } } : fail('tag', 'validation.required');
    }
    case 'moveTo':
      return form.stageId ? { action: { kind: 'moveTo', stageId: form.stageId } } : fail('stageId', 'validation.required');
    case 'webhook': {
      const url = form.url.trim();
      if (!/^https?:\/\/[^\s/]+/i.test(url)) return fail('url', 'automation.editor.badUrl');
      const secretName = form.secretName.trim();
      if (!secretName) return fail('secretName', 'validation.required');
      return { action: { kind: 'webhook', url, secretName } };
    }
    case 'waitFor': {
      const { condition, errors } = conditionOf(form.waitFor);
      if (Object.keys(errors).length > 0) return { errors: { field: 'waitFor', key: 'automation.editor.fixCondition', tests: errors } };
      if (!condition || condition.tests.length === 0) return fail('waitFor', 'automation.editor.waitForNeedsTest');
      return { action: { kind: 'waitFor', condition } };
    }
  }
}
