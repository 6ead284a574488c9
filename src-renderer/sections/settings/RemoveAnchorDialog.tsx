import { useTranslation } from 'react-i18next';
import type { TrustAnchorInfo } from '../../../src-shared/identity/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useIdentityStore } from './identity-store';

/** "Remove this certificate authority?": Cancel has the focus, so a stray Enter keeps the trust as it was. */
export function RemoveAnchorDialog({ anchor, onClose, onRemoved }: { anchor: TrustAnchorInfo; onClose(): void; onRemoved(anchor: TrustAnchorInfo): void }) {
  const { t } = useTranslation();
  const removeAnchor = useIdentityStore((s) => s.removeAnchor);
  const refreshAnchors = useIdentityStore((s) => s.refreshAnchors);

  const remove = async () => {
    try {
      await removeAnchor(anchor.sha256);
    } catch (e) {
      // Removed elsewhere meanwhile (NOT_FOUND): the list should stop showing it.
      void refreshAnchors();
      throw e;
    }
    onRemoved(anchor);
  };

  return (
    <ConfirmDialog
      title={t('identityUi.trust.removeTitle')}
      question={t('identityUi.trust.removeQuestion', { subject: anchor.subject })}
      confirmLabel={t('identityUi.trust.removeConfirm')}
      onCancel={onClose}
      onConfirm={remove}
    />
  );
}
