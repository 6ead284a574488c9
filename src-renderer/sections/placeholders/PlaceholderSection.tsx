import { useTranslation } from 'react-i18next';
import type { Section } from '../../state/app-store';

type Planned = Exclude<Section, 'contacts' | 'settings' | 'kanban' | 'verify' | 'toSign' | 'permissions'>;

const plannedItems: Record<Planned, string[]> = {
  automation: ['triggers', 'rules', 'example'],
};

/** A section that later issues build: an honest description of what will be here, no sample data. */
export function PlaceholderSection({ section, headingRef }: { section: Planned; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="section-title">
      <header className="section-header">
        <h1 id="section-title" ref={headingRef} tabIndex={-1}>
          {t(`nav.${section}`)}
        </h1>
        <p className="section-lead">{t(`planned.${section}.lead`)}</p>
      </header>
      <div className="card planned">
        <h2>{t('planned.heading')}</h2>
        <ul>
          {plannedItems[section].map((item) => (
            <li key={item}>{t(`planned.${section}.${item}`)}</li>
          ))}
        </ul>
        <p className="muted">{t('planned.notYet')}</p>
      </div>
    </section>
  );
}
