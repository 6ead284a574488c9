import { fieldLayoutSchema, type FieldLayout } from '../../src-shared/fields/layout';
import type { FieldValues } from '../../src-shared/fields/values';
import type { SigningSubject } from '../../src-shared/portal/signing-session';
import { pageSizesOf } from './page-sizes';
import { closedState, linkClosed, type SessionSigner } from './session-signer';
import type { SigningContext } from './signing-context';

/** The stored layout, parsed again so defaults a newer field model adds are filled in, and the preparer's values. */
export function storedFields(doc: Pick<SessionSigner['doc'], 'layout' | 'presetValues'>): { layout: FieldLayout; preset: FieldValues } {
  return { layout: fieldLayoutSchema.parse(JSON.parse(doc.layout)), preset: doc.presetValues ? (JSON.parse(doc.presetValues) as FieldValues) : {} };
}

/**
 * What the signing page shows: the document's facts, this signer's own fields only (another signer's are none of
 * their business) with the preparer's values for them, and the pages' sizes. A signer who already signed or declined
 * from this link (a second tab, a reload) is told so; otherwise the link must still be usable.
 */
export async function signingSubject(ctx: Pick<SigningContext, 'db' | 'files' | 'now'>, session: SessionSigner): Promise<SigningSubject> {
  const { doc, signer, link } = session;
  const status = signer.status === 'signed' || signer.status === 'declined' ? signer.status : 'waiting';
  const closed = status === 'waiting' ? closedState(doc, link.revoked, ctx.now()) : null;
  if (closed) throw linkClosed(closed);
  const { layout, preset } = storedFields(doc);
  const own = layout.fields.filter((f) => f.signerId === signer.ref);
  const values: FieldValues = {};
  for (const field of own) if (Object.hasOwn(preset, field.id)) values[field.id] = preset[field.id]!;
  return {
    title: doc.title,
    number: doc.number,
    companyName: doc.companyName,
    preparerName: doc.preparerName,
    signer: { name: signer.name, ref: signer.ref, country: signer.country },
    layout: { fields: own },
    values,
    pageSizes: await pageSizesOf(ctx, { id: link.documentId, fileSha256: doc.fileSha256, pageSizes: doc.pageSizes }),
    status,
  };
}
