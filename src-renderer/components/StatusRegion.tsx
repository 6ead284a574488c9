import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';

/**
 * The page's one live region for status messages ("Contact saved", "12 contacts imported").
 * It is always in the DOM (screen readers only announce changes to a region they already know);
 * informational messages fade after a while, errors stay until dismissed.
 */
export function StatusRegion() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.status);
  const clear = useAppStore((s) => s.clearStatus);

  useEffect(() => {
    if (!status || status.tone === 'error') return;
    const timer = window.setTimeout(clear, 6000);
    return () => window.clearTimeout(timer);
  }, [status, clear]);

  return (
    <div className="status-region" role="status" aria-live="polite" aria-atomic="true">
      {status ? (
        <div className={`toast toast-${status.tone}`} key={status.id}>
          <span>{status.text}</span>
          <button type="button" className="link-button" onClick={clear}>
            {t('common.dismiss')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
