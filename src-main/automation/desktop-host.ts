import { sql } from 'kysely';
import { appendDocumentEvent } from '../services/documents/events';
import type { ServiceContext } from '../services/context';
import { systemActor } from '../services/signing/system-move';
import type { Database } from '../store/schema';
import { ruleOf, triggerOf } from './automation-rows';
import { factsOf } from './document-facts';
import type { AutomationHost } from './engine/host';

/** The company's clock for "at 09:00" rules: this computer's time zone. */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The engine on a desktop: the pipeline from the Automation section's tables, the document from the store, outcomes
 * in the document's chained history (whose entries the engine follows in turn: events.ts).
 */
export function desktopHost(db: ServiceContext['db'], options: { timeZone?: string; events?: ServiceContext['events'] } = {}): AutomationHost<Database> {
  return {
    db,
    writeOrder: sql`rowid`,
    timeZone: options.timeZone ?? localTimeZone(),
    async triggersOn(trx, event, only) {
      let query = trx.selectFrom('automation_triggers').selectAll().where('event', '=', event).where('enabled', '=', 1);
      if (only) query = query.where('id', 'in', only);
      return (await query.orderBy('id').execute()).flatMap((row) => triggerOf(row) ?? []);
    },
    async rulesOf(trx, stageId, afterPosition) {
      let query = trx.selectFrom('automation_rules').selectAll().where('stage_id', '=', stageId).where('enabled', '=', 1);
      if (afterPosition !== undefined) query = query.where('position', '>', afterPosition);
      return (await query.orderBy('position').orderBy('id').execute()).flatMap((row) => ruleOf(row) ?? []);
    },
    async source(db, kind, id) {
      if (kind === 'rule') {
        const rule = await db.selectFrom('automation_rules').select(['stage_id', 'enabled', 'position']).where('id', '=', id).executeTakeFirst();
        return rule ? { stageId: rule.stage_id, enabled: rule.enabled === 1, position: rule.position } : null;
      }
      const trigger = await db.selectFrom('automation_triggers').select(['stage_id', 'enabled']).where('id', '=', id).executeTakeFirst();
      return trigger ? { stageId: trigger.stage_id, enabled: trigger.enabled === 1 } : null;
    },
    facts: factsOf,
    async lastStageEntry(db, documentId) {
      const last = await db.selectFrom('document_events').select((eb) => eb.fn.max('seq').as('seq')).where('document_id', '=', documentId).where('type', '=', 'stageMoved').executeTakeFirst();
      return Number(last?.seq ?? 0);
    },
    async record(trx, documentId, entry) {
      if (!(await trx.selectFrom('documents').select('id').where('id', '=', documentId).executeTakeFirst())) return;
      await appendDocumentEvent(trx, documentId, { ...entry, actor: systemActor });
    },
    changed(documentId) {
      options.events?.publish(documentId ? { type: 'documentsChanged', ids: [documentId] } : { type: 'automationChanged' });
    },
  };
}
