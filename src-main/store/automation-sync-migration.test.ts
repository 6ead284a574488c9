import { describe, expect, it } from 'vitest';
import { defaultEntryIds } from '../../src-shared/automation/sync-fields';
import { storeFileWithOneDocument } from '../test-support/old-store';
import { migrations } from './migrations';
import { openStore } from './open-store';

describe('migration 023 (automation synced)', () => {
  it("gives the seed's entries their shared ids (an edited one too; a look-alike the company added keeps its own), the jobs follow, and everything is marked for the first sync", async () => {
    const file = await storeFileWithOneDocument(22);
    const old = await openStore(file, { migrations: migrations.slice(0, 22) });
    const seeded = await old.db.selectFrom('automation_rules').select(['id', 'stage_id', 'action']).orderBy('position').execute();
    const mail = seeded.find((r) => r.action.includes('emailSealed'))!;
    // The company edited the seed's mail rule and added a second mail rule of its own on the same stage.
    await old.db.updateTable('automation_rules').set({ action: JSON.stringify({ kind: 'emailSealed', to: ['ksiegowosc@zaklady.pl'], toParties: true }) }).where('id', '=', mail.id).execute();
    await old.db.insertInto('automation_rules').values({ id: 'own-mail', stage_id: mail.stage_id, position: 1, name: 'Do zarządu', action: JSON.stringify({ kind: 'emailSealed', to: ['zarzad@zaklady.pl'], toParties: false }), timing: JSON.stringify({ kind: 'immediately' }), condition: null, enabled: 1, updated_at: '2026-01-02' }).execute();
    await old.db.insertInto('automation_jobs').values({ id: 'j1', idempotency_key: `rule:${mail.id}|d1|stageMoved:1`, document_id: 'd1', source_id: mail.id, source_kind: 'rule', action: '{"kind":"emailSealed","to":[],"toParties":true}', condition: null, cause: 'stageMoved:1', due_at: '2026-01-02', status: 'done', attempts: 1, last_error: null, created_at: '2026-01-02', finished_at: '2026-01-02' }).execute();
    await old.close();

    const store = await openStore(file, { migrations: migrations.slice(0, 23) });
    const rules = await store.db.selectFrom('automation_rules').select(['id', 'action']).orderBy('id').execute();
    expect(rules.map((r) => r.id)).toEqual([defaultEntryIds.mailRule, defaultEntryIds.sendRule, 'own-mail']);
    expect(JSON.parse(rules[0]!.action)).toEqual({ kind: 'emailSealed', to: ['ksiegowosc@zaklady.pl'], toParties: true });
    expect((await store.db.selectFrom('automation_triggers').select('id').orderBy('id').execute()).map((t) => t.id)).toEqual([defaultEntryIds.allSignedTrigger, defaultEntryIds.companySignedTrigger]);
    expect(await store.db.selectFrom('automation_jobs').select('source_id').execute()).toEqual([{ source_id: defaultEntryIds.mailRule }]);
    const marked = await store.db.selectFrom('sync_dirty').select(['entity', 'entity_id']).where('entity', 'like', 'automation_%').orderBy('entity').orderBy('entity_id').execute();
    expect(marked).toEqual([
      { entity: 'automation_rule', entity_id: defaultEntryIds.mailRule },
      { entity: 'automation_rule', entity_id: defaultEntryIds.sendRule },
      { entity: 'automation_rule', entity_id: 'own-mail' },
      { entity: 'automation_trigger', entity_id: defaultEntryIds.allSignedTrigger },
      { entity: 'automation_trigger', entity_id: defaultEntryIds.companySignedTrigger },
    ]);
    await store.close();
  });
});
