import { useTranslation } from 'react-i18next';
import type { DocumentSigner } from '../../../src-shared/documents/types';

/** Each signer with their status, as small chips (a card) or a list with sides (the document panel). */
export function SignerChips({ signers, detailed = false }: { signers: readonly DocumentSigner[]; detailed?: boolean }) {
  const { t } = useTranslation();
  if (signers.length === 0) return null;
  return (
    <span className={detailed ? 'signer-list' : 'signer-chips'}>
      {signers.map((s) => (
        <span key={s.id} className={`signer-chip signer-chip-${s.status}`}>
          <span className="signer-chip-name">{detailed && s.companyName ? `${s.name} (${s.companyName})` : s.name}</span>
          {detailed ? <span className="signer-chip-side">{t(`board.side.${s.side}`)}</span> : null}
          <span className="signer-chip-status">{t(`board.signerStatus.${s.status}`)}</span>
        </span>
      ))}
    </span>
  );
}
