import { AppError } from '../../../src-shared/contract/errors';
import type { PortalSignRequest, SigningSubject } from '../../../src-shared/portal/signing-session';
import type { SignSubject } from '../../sections/signing/SignView';
import type { Signature } from '../../sections/signing/signature';
import type { DraftValues } from '../../sections/signing/signer-fields';

/** The portal's signing subject as the signing screen reads one: the server sent only this signer's fields. */
export function signSubjectOf(subject: SigningSubject, file: Blob): SignSubject {
  return {
    title: subject.title,
    number: subject.number,
    file,
    fields: { layout: subject.layout, pageSizes: subject.pageSizes, values: subject.values },
    signer: { name: subject.signer.name, ref: subject.signer.ref, country: subject.signer.country ?? undefined },
  };
}

/** What the signing screen hands over, as the sign call takes it. The screen signs only with consent; the server checks again. */
export function signRequestOf(input: Signature & { consent: boolean; values: DraftValues }): PortalSignRequest {
  if (!input.consent) throw new AppError('VALIDATION', 'signing.consentRequired');
  return { method: input.method, image: input.image, consent: true, values: input.values };
}
