import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusRegion } from '../components/StatusRegion';
import { useFileDropGuard } from '../files/file-drop-guard';
import { useAppStore } from '../state/app-store';
import { FirstRun } from './first-run/FirstRun';
import { Shell } from './Shell';
import { useKioskStore } from './signing/kiosk-store';

/** Only a computer handed to a counterparty needs it, and it brings pdf.js with it. */
const KioskView = lazy(() => import('./signing/KioskView').then((m) => ({ default: m.KioskView })));

/** Loads `app.info`, then shows the first-run welcome until setup is complete, the app shell after. */
export function App() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const loadError = useAppStore((s) => s.loadError);
  const load = useAppStore((s) => s.load);

  const kiosk = useKioskStore((s) => s.state);
  const kioskError = useKioskStore((s) => s.error);
  const loadKiosk = useKioskStore((s) => s.load);
  // Whatever is shown, a file dropped where nothing takes it must not replace the app.
  useFileDropGuard();

  useEffect(() => {
    void load();
    // Asked before the app shows anything: a reload of a computer locked to a signer goes straight back to the kiosk.
    void loadKiosk();
  }, [load, loadKiosk]);

  let content;
  if (info && !info.firstRun && kiosk?.locked)
    content = (
      <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
        <KioskView key={`${kiosk.documentId}:${kiosk.signerId}`} documentId={kiosk.documentId} signerId={kiosk.signerId} />
      </Suspense>
    );
  else if (info && !info.firstRun && !kiosk)
    content = kioskError ? (
      <main className="centered-page">
        <ErrorNotice error={kioskError} onRetry={() => void loadKiosk()} />
      </main>
    ) : (
      <main className="centered-page" aria-busy="true">
        <p>{t('common.loading')}</p>
      </main>
    );
  else if (info) content = info.firstRun ? <FirstRun info={info} /> : <Shell info={info} />;
  else if (loadError)
    content = (
      <main className="centered-page">
        <h1>{t('app.name')}</h1>
        <ErrorNotice error={loadError} onRetry={() => void load()} />
      </main>
    );
  else
    content = (
      <main className="centered-page" aria-busy="true">
        <p>{t('common.loading')}</p>
      </main>
    );

  return (
    <>
      {content}
      <StatusRegion />
    </>
  );
}
