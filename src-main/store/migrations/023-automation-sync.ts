import { sql, type Kysely } from 'kysely';
import { defaultPipelineWithIds } from '../../../src-shared/automation/sync-fields';
import { createMarkTriggers, markExisting, type MarkedTable } from './018-sync';
import type { Migration } from './migration';

const triggers: MarkedTable = { table: 'automation_triggers', entity: 'automation_trigger', id: (r) => `${r}.id`, on: ['INSERT', 'UPDATE', 'DELETE'] };
const rules: MarkedTable = { table: 'automation_rules', entity: 'automation_rule', id: (r) => `${r}.id`, on: ['INSERT', 'UPDATE', 'DELETE'] };

/**
 * Automation's triggers and rules are synced (issue 9): the seed's entries, made with a random id on every install by
 * 021, take the id they have everywhere (the first unnamed, unconditioned entry of the same stage and kind, its action
 * edited or not — the jobs that named it follow), so desktops that started alike share one pipeline; a seed entry this
 * install deleted is marked, so its deletion is pushed rather than the others' copy pulled back. Then both tables are
 * marked like every synced table, and what is there now is marked for the first sync.
 */
export const automationSync: Migration = {
  version: 23,
  name: 'automation-sync',
  async up(db) {
    await adoptSeedIds(db);
    for (const t of [triggers, rules]) {
      await createMarkTriggers(db, t);
      await markExisting(db, t);
    }
  },
};

async function adoptSeedIds(db: Kysely<unknown>): Promise<void> {
  const stages = new Map((await sql<{ id: string; key: string }>`SELECT id, key FROM document_stages WHERE key IS NOT NULL`.execute(db)).rows.map((r) => [r.key, r.id]));
  const seed = defaultPipelineWithIds((key) => stages.get(key) ?? '');
  const adopt = async (table: 'automation_triggers' | 'automation_rules', entity: string, id: string, old: string | undefined) => {
    if (!old) {
      // Gone here: its deletion is this install's to push.
      await sql`INSERT OR IGNORE INTO sync_dirty (entity, entity_id, key, at) VALUES (${entity}, ${id}, '', ${new Date().toISOString()})`.execute(db);
      return;
    }
    await sql`UPDATE ${sql.table(table)} SET id = ${id} WHERE id = ${old}`.execute(db);
    await sql`UPDATE automation_jobs SET source_id = ${id} WHERE source_id = ${old}`.execute(db);
  };
  for (const t of seed.triggers) {
    const row = await sql<{ id: string }>`SELECT id FROM automation_triggers WHERE stage_id = ${t.stageId} AND event = ${t.event} AND name IS NULL AND condition IS NULL AND id NOT LIKE 'default:%' ORDER BY updated_at, id LIMIT 1`.execute(db);
    const taken = await sql<{ id: string }>`SELECT id FROM automation_triggers WHERE id = ${t.id}`.execute(db);
    if (taken.rows.length === 0) await adopt('automation_triggers', 'automation_trigger', t.id, row.rows[0]?.id);
  }
  for (const r of seed.rules) {
    const row = await sql<{ id: string }>`SELECT id FROM automation_rules WHERE stage_id = ${r.stageId} AND json_extract(action, '$.kind') = ${r.action.kind} AND name IS NULL AND condition IS NULL AND id NOT LIKE 'default:%' ORDER BY position, id LIMIT 1`.execute(db);
    const taken = await sql<{ id: string }>`SELECT id FROM automation_rules WHERE id = ${r.id}`.execute(db);
    if (taken.rows.length === 0) await adopt('automation_rules', 'automation_rule', r.id, row.rows[0]?.id);
  }
}
