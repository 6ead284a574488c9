import { translator } from '../../../src-shared/i18n/translate';
import type { DocumentFilter } from '../../../src-shared/documents/types';
import type { UiLanguage } from '../../../src-shared/settings/schema';
import { todayIso, type ServiceContext } from '../context';
import { toCsv } from '../csv';
import { allFilteredIds, type SortOrder } from './board-service';
import { summariesOf } from './document-rows';
import { listStages } from './stages-service';

const pageSize = 500;

/** The list view's rows as CSV, in its order and with its filters, headers and stage names in the person's language. */
export async function exportDocumentsCsv(ctx: ServiceContext, input: { filter: DocumentFilter; language: UiLanguage } & SortOrder): Promise<{ filename: string; csv: string }> {
  const t = translator(input.language);
  const stages = new Map((await listStages(ctx)).map((s) => [s.id, s.name ?? t(`stages.default.${s.key}`)]));
  const ids = await allFilteredIds(ctx, input.filter, input);
  const rows: string[][] = [];
  for (let i = 0; i < ids.length; i += pageSize) {
    for (const d of await summariesOf(ctx, ids.slice(i, i + pageSize))) {
      const counterparties = d.signers.filter((s) => s.side === 'counterparty').map((s) => (s.companyName ? `${s.name} (${s.companyName})` : s.name));
      rows.push([
        d.number,
        d.title,
        stages.get(d.stageId) ?? '',
        counterparties.join('; '),
        d.amountMinor !== undefined ? (d.amountMinor / 100).toFixed(2) : '',
        d.currency ?? '',
        d.dueDate ?? '',
        d.ownerName,
        d.department ?? '',
        d.tags.join(', '),
        d.createdAt,
        d.updatedAt,
      ]);
    }
  }
  const headers = ['number', 'title', 'stage', 'counterparty', 'amount', 'currency', 'dueDate', 'owner', 'department', 'tags', 'created', 'updated'].map((k) => t(`documentsExport.${k}`));
  return { filename: `signet-documents-${todayIso(ctx)}.csv`, csv: toCsv(headers, rows) };
}
