import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusRegion } from '../components/StatusRegion';
import { useAppStore } from '../state/app-store';
import { FirstRun } from './first-run/FirstRun';
import { Shell } from './Shell';

/** Loads `app.info`, then shows the first-run welcome until setup is complete, the app shell after. */
export function App() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const loadError = useAppStore((s) => s.loadError);
  const load = useAppStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  let content;
  if (info) content = info.firstRun ? <FirstRun info={info} /> : <Shell info={info} />;
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
