import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export interface LiveStatusMessage {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

/**
 * A page's one live region for status messages ("Contact saved", "nda.pdf checked: …"). It is always in the DOM
 * (screen readers only announce changes to a region they already know); informational messages fade after a while,
 * errors stay until dismissed. Whoever owns the message keeps it: the app's store on the desktop, the portal its own.
 */
export function LiveStatus({ status, onClear }: { status: LiveStatusMessage | null; onClear(): void }) {
  const { t } = useTranslation();

  useEffect(() => {
    if (!status || status.tone === 'error') return;
    const timer = window.setTimeout(onClear, 6000);
    return () => window.clearTimeout(timer);
  }, [status, onClear]);

  return (
    <div className="status-region" role="status" aria-live="polite" aria-atomic="true">
      {status ? (
        <div className={`toast toast-${status.tone}`} key={status.id}>
          <span>{status.text}</span>
          <button type="button" className="link-button" onClick={onClear}>
            {t('common.dismiss')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
