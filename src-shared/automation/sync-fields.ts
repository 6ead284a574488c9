import type { SyncValue } from '../sync/merge';
import { ruleActionSchema, ruleSchema, timingSchema, triggerSchema, type Rule, type RuleAction, type Trigger } from './automation';
import { conditionSchema } from './conditions';
import { defaultPipeline } from './default-pipeline';

/*
 * Triggers and rules as sync carries them between desktops and the company server (issue 9): stages by their sync id
 * (Signet's own by key: every install has its own ids for them), conditions, actions and timings as canonical JSON
 * (through the shared schemas, so every side writes the same text for the same definition). The seed's pipeline has
 * the same ids everywhere, so two desktops that both started with it share one pipeline, not two.
 */

export type SyncFields = Record<string, SyncValue>;

/** The seed pipeline's entries, by what they are: the same id on every install. */
export const defaultEntryIds = {
  companySignedTrigger: 'default:trigger:companySigned',
  allSignedTrigger: 'default:trigger:allSigned',
  sendRule: 'default:rule:sendForSignature',
  mailRule: 'default:rule:emailSealed',
} as const;

/** The seed's pipeline with its shared ids, stages as `stageId` names them. */
export function defaultPipelineWithIds(stageId: Parameters<typeof defaultPipeline>[0]): ReturnType<typeof defaultPipeline> {
  const ids = [defaultEntryIds.companySignedTrigger, defaultEntryIds.allSignedTrigger, defaultEntryIds.sendRule, defaultEntryIds.mailRule];
  let next = 0;
  return defaultPipeline(stageId, () => ids[next++]!);
}

const canonical = <T>(schema: { parse(v: unknown): T }, value: unknown) => JSON.stringify(schema.parse(value));

/** An action with the stage it moves into named by `map` (local id ↔ sync id); null when that stage is unknown. */
export function mapActionStage(action: RuleAction, map: (stageId: string) => string | null): RuleAction | null {
  if (action.kind !== 'moveTo') return action;
  const stageId = map(action.stageId);
  return stageId ? { ...action, stageId } : null;
}

export function triggerSyncFields(t: Trigger, stageRef: string): SyncFields {
  return { stage: stageRef, event: t.event, name: t.name ?? null, condition: t.condition ? canonical(conditionSchema, t.condition) : null, enabled: t.enabled, allow_back: t.allowBack === true };
}

/** `action` already carries sync ids for its stages (mapActionStage). */
export function ruleSyncFields(r: Rule, stageRef: string, action: RuleAction): SyncFields {
  return {
    stage: stageRef,
    position: r.position,
    name: r.name ?? null,
    action: canonical(ruleActionSchema, action),
    timing: canonical(timingSchema, r.timing),
    condition: r.condition ? canonical(conditionSchema, r.condition) : null,
    enabled: r.enabled,
  };
}

const parsedJson = (v: SyncValue | undefined): unknown => (typeof v === 'string' ? JSON.parse(v) : undefined);
const named = (v: SyncValue | undefined) => (typeof v === 'string' && v ? { name: v } : {});
const conditioned = (v: SyncValue | undefined) => (typeof v === 'string' ? { condition: JSON.parse(v) as unknown } : {});

/** A pulled trigger, its stage the local one `stageId`; null when the fields do not make one. */
export function triggerFromSync(id: string, f: SyncFields, stageId: string): Trigger | null {
  const parsed = triggerSchema.safeParse({ id, stageId, event: f.event, ...named(f.name), ...conditioned(f.condition), enabled: f.enabled === true, ...(f.allow_back === true ? { allowBack: true } : {}) });
  return parsed.success ? parsed.data : null;
}

/** A pulled rule (its action's stages still sync ids: the caller maps them); null when the fields do not make one. */
export function ruleFromSync(id: string, f: SyncFields, stageId: string): Rule | null {
  try {
    const parsed = ruleSchema.safeParse({ id, stageId, position: f.position, ...named(f.name), action: parsedJson(f.action), timing: parsedJson(f.timing), ...conditioned(f.condition), enabled: f.enabled === true });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What every install starts with, as sync carries it: the server's starting values for the seed's entries. */
export function defaultPipelineSyncFields(entity: string, id: string): SyncFields | undefined {
  return seedFields().get(`${entity}\u0000${id}`);
}

// Built once: the change log and the server's push check ask for every field of every record they look at.
let seed: Map<string, SyncFields> | undefined;
function seedFields(): Map<string, SyncFields> {
  if (seed) return seed;
  const { triggers, rules } = defaultPipelineWithIds((key) => `key:${key}`);
  seed = new Map([
    ...triggers.map((t) => [`automation_trigger\u0000${t.id}`, { ...triggerSyncFields(t, t.stageId), deleted: false }] as const),
    ...rules.map((r) => [`automation_rule\u0000${r.id}`, { ...ruleSyncFields(r, r.stageId, r.action), deleted: false }] as const),
  ]);
  return seed;
}
