import type { Selectable } from 'kysely';
import type { FieldLayoutInput } from '../../src-shared/fields/layout';
import type { CertificateData, CertificateSigner, EvidenceEvent } from '../../src-shared/pdf/certificate';
import type { UiLanguage } from '../../src-shared/settings/schema';
import { appendEvent } from '../../src-main/evidence/chain';
import type { ComposeFields } from '../../src-main/pdf/compose/field-check';
import { inspectPdf } from '../../src-main/pdf/inspect';
import { filledFields } from '../../src-main/services/signing/final-document';
import type { PublishedDocumentTable, PublishedSignerTable } from '../store/publishing-schema';
import type { SealContext } from './seal-context';

type Published = Selectable<PublishedDocumentTable>;
type Signer = Selectable<PublishedSignerTable>;

/** What the final document is composed from: the original, its certificate, its filled fields. */
export interface CertificateInput {
  original: Uint8Array;
  certificate: CertificateData;
  fields: ComposeFields | undefined;
}

/** A browser's description is evidence, not a paragraph: enough of it to tell devices apart on the certificate. */
const deviceChars = 160;

/**
 * The certificate of a published document from the server's own records: every signer as they signed (image from
 * the file store, the address and browser of their signature's evidence), the history the server saw, and the fields
 * with the preparer's and every signer's values.
 */
export async function certificateInputOf(ctx: Pick<SealContext, 'db' | 'files'>, doc: Published): Promise<CertificateInput> {
  const signers = await ctx.db.selectFrom('published_signers').selectAll().where('document_id', '=', doc.id).orderBy('position').execute();
  const evidence = await ctx.db.selectFrom('portal_events').selectAll().where('document_id', '=', doc.id).where('type', 'in', ['viewed', 'codePassed', 'signed']).orderBy('seq').execute();
  const signedFrom = new Map(evidence.filter((e) => e.type === 'signed').map((e) => [e.signer_id, e]));

  const certificateSigners: CertificateSigner[] = [];
  for (const s of signers) {
    const at = signedFrom.get(s.id);
    certificateSigners.push({
      name: s.name,
      side: s.side === 'company' ? 'company' : 'counterparty',
      email: s.email ?? undefined,
      phone: s.phone ?? undefined,
      identityCheck: s.identity_check ?? 'appLogin',
      signedAt: s.signed_at ? utcIso(s.signed_at) : '',
      // The server's clock is UTC, and so is what the certificate prints; a signer's own zone is not known here.
      device: at?.user_agent?.slice(0, deviceChars) ?? undefined,
      ip: at?.ip,
      signaturePng: s.signature_sha256 ? await ctx.files.files.read(s.signature_sha256) : undefined,
    });
  }

  const original = await ctx.files.files.read(doc.file_sha256);
  const values = await ctx.db
    .selectFrom('published_values as v')
    .innerJoin('published_signers as s', 's.id', 'v.signer_id')
    .select(['s.ref', 's.country', 'v.field_id', 'v.value'])
    .where('s.document_id', '=', doc.id)
    .execute();
  const layout = JSON.parse(doc.layout) as FieldLayoutInput;
  // Each signer's values are checked again in the country they were signed in (the desktop's contact's; PL if none).
  const fields = filledFields(layout, doc.preset_values ? (JSON.parse(doc.preset_values) as Record<string, unknown>) : {}, values.map((v) => ({ ref: v.ref, fieldId: v.field_id, value: v.value, country: v.country })));

  return {
    original,
    fields,
    certificate: {
      documentId: doc.id,
      documentNumber: doc.number,
      title: doc.title,
      companyName: doc.company_name,
      originalSha256: doc.file_sha256,
      originalSize: original.length,
      originalPages: doc.page_count ?? (await inspectPdf(original)).pageCount,
      signers: certificateSigners,
      events: historyOf(doc, signers, evidence),
      language: certificateLanguage(signers),
    },
  };
}

/**
 * The history as the server saw it, hash-chained as the desktop chains its own: published (sent), each signer's first
 * opening of their link, each passed identity code, each signature; in time order. The desktop's own steps before the
 * publish (created, edited) stay in the desktop's history; the certificate the server seals shows what it witnessed.
 */
export function historyOf(doc: Published, signers: readonly Signer[], evidence: readonly { signer_id: string; type: string; at: string; ip: string; details: string }[]): EvidenceEvent[] {
  const byId = new Map(signers.map((s) => [s.id, s]));
  const steps: { at: string; type: string; actor: string; details: Record<string, string> }[] = [
    { at: doc.created_at, type: 'sent', actor: doc.preparer_name ?? doc.company_name, details: { order: doc.signing_order, expiresAt: doc.expires_at } },
  ];
  const viewed = new Set<string>();
  for (const e of evidence) {
    const signer = byId.get(e.signer_id);
    if (!signer) continue;
    const who = { signer: signer.desktop_signer_id, ip: e.ip };
    if (e.type === 'viewed' && !viewed.has(signer.id)) {
      viewed.add(signer.id);
      steps.push({ at: e.at, type: 'viewed', actor: signer.name, details: who });
    } else if (e.type === 'codePassed') {
      const { channel } = JSON.parse(e.details) as { channel?: string };
      steps.push({ at: e.at, type: 'identityChecked', actor: signer.name, details: { ...who, ...(channel ? { channel } : {}) } });
    }
  }
  // Every signature, the desktop's reported ones too (they have no portal evidence), from the signer's own row.
  const ipOfSignature = new Map(evidence.filter((e) => e.type === 'signed').map((e) => [e.signer_id, e.ip]));
  for (const s of signers) {
    if (!s.signed_at) continue;
    const ip = ipOfSignature.get(s.id);
    steps.push({
      at: utcIso(s.signed_at),
      type: 'signed',
      actor: s.name,
      details: { signer: s.desktop_signer_id, ...(s.method ? { method: s.method } : {}), ...(s.identity_check ? { identity: s.identity_check } : {}), ...(ip ? { ip } : {}) },
    });
  }
  // Stable: steps of the same instant keep the order they were written in above.
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return steps.reduce<EvidenceEvent[]>((chain, step) => appendEvent(chain, step), []);
}

/** A desktop reports its time with an offset; the certificate prints, and the history sorts, UTC. */
const utcIso = (at: string): string => new Date(at).toISOString();

/** The company's voice: its first signer's language (set from the desktop's), else the first signer's. */
function certificateLanguage(signers: readonly Signer[]): UiLanguage {
  const voice = signers.find((s) => s.side === 'company') ?? signers[0];
  return voice?.language === 'en' ? 'en' : 'pl';
}
