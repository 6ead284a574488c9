import type { Selectable } from 'kysely';
import { ruleSchema, triggerSchema, type Rule, type Trigger } from '../../src-shared/automation/automation';
import type { AutomationRuleTable, AutomationTriggerTable } from '../store/schema';

/*
 * A stored trigger or rule read back through the shared schemas, for the section and for the engine alike: a row
 * that no longer reads (an older or damaged one) is null, never half a definition.
 */

export function triggerOf(row: Selectable<AutomationTriggerTable>): Trigger | null {
  const parsed = triggerSchema.safeParse({ id: row.id, stageId: row.stage_id, event: row.event, ...(row.name ? { name: row.name } : {}), ...(row.condition ? { condition: JSON.parse(row.condition) as unknown } : {}), enabled: row.enabled === 1, ...(row.allow_back === 1 ? { allowBack: true } : {}) });
  return parsed.success ? parsed.data : null;
}

export function ruleOf(row: Selectable<AutomationRuleTable>): Rule | null {
  const parsed = ruleSchema.safeParse({
    id: row.id,
    stageId: row.stage_id,
    position: row.position,
    ...(row.name ? { name: row.name } : {}),
    action: JSON.parse(row.action) as unknown,
    timing: JSON.parse(row.timing) as unknown,
    ...(row.condition ? { condition: JSON.parse(row.condition) as unknown } : {}),
    enabled: row.enabled === 1,
  });
  return parsed.success ? parsed.data : null;
}

