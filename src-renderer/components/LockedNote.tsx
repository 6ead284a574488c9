import { useTranslation } from 'react-i18next';

/** Beside a setting the machine's managed policy fixes: why its fields cannot be changed (issue 10). */
export function LockedNote() {
  const { t } = useTranslation();
  return (
    <p className="notice notice-locked" data-testid="policy-locked">
      {t('policy.locked')}
    </p>
  );
}
