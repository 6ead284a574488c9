import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { defaultPipeline } from '../../../src-shared/automation/default-pipeline';
import type { DefaultStageKey } from '../../../src-shared/documents/stages';
import type { Migration } from './migration';

/**
 * Automation (issue 9): triggers and rules, each belonging to a stage (gone with it), their definition as the
 * editor saved it (condition, action and timing as JSON, checked by the shared schemas on the way in and out), and the
 * durable jobs the engine runs. The
 * store starts with the seed's pipeline: the company signer's signature moves a document to "Sent to counterparty",
 * entering it sends the document on, everyone's signatures move it to "Signed", whose rule e-mails the sealed PDF to
 * every party.
 */
export const automation: Migration = {
  version: 21,
  name: 'automation',
  async up(db) {
    await db.schema
      .createTable('automation_triggers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('stage_id', 'text', (c) => c.notNull().references('document_stages.id').onDelete('cascade'))
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('condition', 'text')
      .addColumn('enabled', 'integer', (c) => c.notNull().check(sql`enabled IN (0, 1)`))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('automation_triggers_event').on('automation_triggers').columns(['event', 'enabled']).execute();
    await db.schema
      .createTable('automation_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('stage_id', 'text', (c) => c.notNull().references('document_stages.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('timing', 'text', (c) => c.notNull())
      .addColumn('condition', 'text')
      .addColumn('enabled', 'integer', (c) => c.notNull().check(sql`enabled IN (0, 1)`))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('automation_rules_stage').on('automation_rules').columns(['stage_id', 'position']).execute();
    // What automation is to do: one row per rule run or trigger fired, written in the transaction of the event that
    // caused it, done exactly once by its idempotency key (the cause and the rule), kept afterwards as the log.
    await db.schema
      .createTable('automation_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('source_kind', 'text', (c) => c.notNull().check(sql`source_kind IN ('rule', 'trigger')`))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('condition', 'text')
      .addColumn('cause', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('queued', 'running', 'done', 'skipped', 'failed')`))
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('automation_jobs_due').on('automation_jobs').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('automation_jobs_document').on('automation_jobs').columns(['document_id', 'created_at']).execute();

    const stages = new Map(
      (await sql<{ id: string; key: string }>`SELECT id, key FROM document_stages WHERE key IS NOT NULL`.execute(db)).rows.map((r) => [r.key, r.id]),
    );
    // A store whose Signet stages are not all there (never, short of editing the file) starts with no pipeline.
    if (!stages.has('sentCounterparty') || !stages.has('signed')) return;
    const at = new Date().toISOString();
    const { triggers, rules } = defaultPipeline((key: DefaultStageKey) => stages.get(key)!, randomUUID);
    for (const t of triggers) {
      await db.insertInto('automation_triggers' as never).values({ id: t.id, stage_id: t.stageId, event: t.event, name: null, condition: null, enabled: 1, updated_at: at } as never).execute();
    }
    for (const r of rules) {
      await db
        .insertInto('automation_rules' as never)
        .values({ id: r.id, stage_id: r.stageId, position: r.position, name: null, action: JSON.stringify(r.action), timing: JSON.stringify(r.timing), condition: null, enabled: 1, updated_at: at } as never)
        .execute();
    }
  },
};
