import { sql, type Kysely } from 'kysely';
import { localTimeZone } from '../../src-main/automation/desktop-host';
import type { AutomationHost } from '../../src-main/automation/engine/host';
import { appendFeed } from '../feed/feed';
import type { ServerDatabase } from '../store/schema';
import { publishedFacts } from './published-facts';
import { syncedRules, syncedTriggers } from './synced-pipeline';

/**
 * The engine on the company server (issue 9): the same engine as a desktop's (src-main/automation/engine), for the
 * documents desktops handed to it. The pipeline is the one desktops synced here; a document is its publication
 * (jobs go by the published id); outcomes go into the publishing desktop's feed, which writes them into the
 * document's history there, as its own engine would.
 */
export function serverHost(db: Kysely<ServerDatabase>, timeZone = localTimeZone()): AutomationHost<ServerDatabase> {
  return {
    db,
    writeOrder: sql`n`,
    timeZone,
    async triggersOn(trx, event, only) {
      return (await syncedTriggers(trx)).filter((t) => t.enabled && t.event === event && (!only || only.includes(t.id)));
    },
    async rulesOf(trx, stageId, afterPosition) {
      return (await syncedRules(trx)).filter((r) => r.enabled && r.stageId === stageId && (afterPosition === undefined || r.position > afterPosition));
    },
    async source(db, kind, id) {
      if (kind === 'rule') {
        const rule = (await syncedRules(db)).find((r) => r.id === id);
        return rule ? { stageId: rule.stageId, enabled: rule.enabled, position: rule.position } : null;
      }
      const trigger = (await syncedTriggers(db)).find((t) => t.id === id);
      return trigger ? { stageId: trigger.stageId, enabled: trigger.enabled } : null;
    },
    facts: publishedFacts,
    async lastStageEntry(db, documentId) {
      const last = await db.selectFrom('document_feed').select((eb) => eb.fn.max('seq').as('seq')).where('document_id', '=', documentId).where('type', '=', 'stageMoved').executeTakeFirst();
      return Number(last?.seq ?? 0);
    },
    async record(trx, documentId, entry, job) {
      const type = entry.type === 'automationStopped' ? 'automationStopped' : 'automationRan';
      // The job's own facts go along: the desktop keeps each server job's latest outcome for its execution log.
      const automation = { ...entry.details, jobId: job.id, attempts: String(job.attempts), dueAt: job.dueAt, createdAt: job.createdAt };
      await appendFeed(trx, { documentId, signerId: null, type, at: entry.at, details: { automation } });
    },
  };
}
