import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Log } from '../../app/log';
import { startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
const warnings: { msg: string; fields?: Record<string, unknown> }[] = [];
const log: Log = { info: () => {}, warn: (msg, fields) => void warnings.push({ msg, ...(fields ? { fields } : {}) }), error: () => {} };
beforeEach(async () => {
  app = await startTestApp({ log });
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
});
afterEach(() => app.close());

const stage = async (key: string) => (await app.ok('stages.list', {})).find((s) => s.key === key)!.id;
const refusal = async (result: Promise<{ ok: boolean; error?: { code: string; messageKey: string } }>) => {
  const r = await result;
  return r.ok ? null : { code: r.error!.code, messageKey: r.error!.messageKey };
};

it("a new company starts with the seed's pipeline", async () => {
  const view = await app.ok('automation.get', {});
  const [sent, signed] = [await stage('sentCounterparty'), await stage('signed')];
  expect(view.triggers.map((t) => [t.event, t.stageId, t.enabled])).toEqual([
    ['companySigned', sent, true],
    ['allSigned', signed, true],
  ]);
  expect(view.rules.map((r) => [r.stageId, r.action, r.timing])).toEqual([
    [sent, { kind: 'sendForSignature' }, { kind: 'immediately' }],
    [signed, { kind: 'emailSealed', to: [], toParties: true }, { kind: 'immediately' }],
  ]);
});

it('triggers and rules are added, changed, disabled and deleted; a rule goes last in its stage unless placed', async () => {
  const signed = await stage('signed');
  const over = { match: 'all' as const, tests: [{ field: 'amount' as const, op: 'gt' as const, value: 10_000, currency: 'PLN' }] };
  let view = await app.ok('automation.saveTrigger', { stageId: await stage('waitingCompany'), event: 'conditionMet', condition: over, name: 'Duże kwoty do zarządu', enabled: true });
  const trigger = view.triggers.find((t) => t.event === 'conditionMet')!;
  expect(trigger).toMatchObject({ name: 'Duże kwoty do zarządu', condition: over });
  view = await app.ok('automation.saveTrigger', { ...trigger, enabled: false });
  expect(view.triggers.find((t) => t.id === trigger.id)!.enabled).toBe(false);

  view = await app.ok('automation.saveRule', { stageId: signed, action: { kind: 'emailSealed', to: ['ksiegowosc@zaklady.pl'], toParties: false }, timing: { kind: 'after', minutes: 30 }, enabled: true });
  const rules = view.rules.filter((r) => r.stageId === signed);
  expect(rules.map((r) => [r.action.kind, r.position])).toEqual([
    ['emailSealed', 0],
    ['emailSealed', 1],
  ]);
  const added = rules[1]!;
  view = await app.ok('automation.saveRule', { ...added, timing: { kind: 'at', time: '16:00', days: 0 }, condition: over });
  expect(view.rules.find((r) => r.id === added.id)).toMatchObject({ timing: { kind: 'at', time: '16:00', days: 0 }, condition: over });

  view = await app.ok('automation.deleteRule', { id: added.id });
  expect(view.rules.some((r) => r.id === added.id)).toBe(false);
  view = await app.ok('automation.deleteTrigger', { id: trigger.id });
  expect(view.triggers.some((t) => t.id === trigger.id)).toBe(false);
  expect(await refusal(app.call('automation.deleteRule', { id: added.id }))).toEqual({ code: 'NOT_FOUND', messageKey: 'automation.notFound' });
  expect(await refusal(app.call('automation.saveRule', { ...added }))).toEqual({ code: 'NOT_FOUND', messageKey: 'automation.notFound' });
});

it('refuses what cannot run, with the reason, and changes nothing', async () => {
  const before = await app.ok('automation.get', {});
  const signed = await stage('signed');
  expect(await refusal(app.call('automation.saveRule', { stageId: signed, action: { kind: 'moveTo', stageId: signed }, timing: { kind: 'immediately' }, enabled: true }))).toEqual({ code: 'VALIDATION', messageKey: 'automation.rules.moveToOwnStage' });
  expect(await refusal(app.call('automation.saveRule', { stageId: signed, action: { kind: 'notify', userId: 'nobody' }, timing: { kind: 'immediately' }, enabled: true }))).toEqual({ code: 'NOT_FOUND', messageKey: 'employees.notFound' });
  expect(await refusal(app.call('automation.saveTrigger', { stageId: 'no-such-stage', event: 'declined', enabled: true }))).toEqual({ code: 'NOT_FOUND', messageKey: 'automation.stageNotFound' });
  expect((await refusal(app.call('automation.saveTrigger', { stageId: signed, event: 'conditionMet', enabled: true })))?.code).toBe('VALIDATION');
  expect(await app.ok('automation.get', {})).toEqual(before);
});

it("a stage's triggers and rules go with it; a damaged row is left out and logged, not shown half", async () => {
  const view = await app.ok('stages.add', { afterId: await stage('draft'), name: 'Prawny', color: '#7c3aed' });
  const legal = view.find((s) => s.name === 'Prawny')!.id;
  await app.ok('automation.saveRule', { stageId: legal, action: { kind: 'addTag', tag: 'prawny' }, timing: { kind: 'immediately' }, enabled: true });
  await app.ok('stages.delete', { id: legal });
  expect((await app.ok('automation.get', {})).rules.some((r) => r.stageId === legal)).toBe(false);

  const first = (await app.ok('automation.get', {})).rules[0]!;
  await app.context.db.updateTable('automation_rules').set({ action: '{"kind":"teleport"}' }).where('id', '=', first.id).execute();
  expect((await app.ok('automation.get', {})).rules.some((r) => r.id === first.id)).toBe(false);
  expect(warnings).toContainEqual({ msg: 'automation entry that no longer reads left out', fields: { kind: 'rule', id: first.id } });
});
