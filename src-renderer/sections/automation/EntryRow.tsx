import { useTranslation } from 'react-i18next';

interface EntryRowProps {
  kind: 'rule' | 'trigger';
  title: string;
  /** Lines under the title: the timing, the condition. */
  details: readonly string[];
  enabled: boolean;
  onEdit(): void;
  onToggle(): void;
  onDelete(): void;
}

/** One trigger or rule in a stage's list: what it is, whether it is on, and its buttons named for it. */
export function EntryRow({ kind, title, details, enabled, onEdit, onToggle, onDelete }: EntryRowProps) {
  const { t } = useTranslation();
  const name = { name: title };
  // Named for the entry, so a screen reader's list of buttons tells them apart.
  const labels =
    kind === 'rule'
      ? { edit: t('automation.section.editRule', name), toggle: t(enabled ? 'automation.section.turnOffRule' : 'automation.section.turnOnRule', name), remove: t('automation.section.deleteRule', name) }
      : { edit: t('automation.section.editTrigger', name), toggle: t(enabled ? 'automation.section.turnOffTrigger' : 'automation.section.turnOnTrigger', name), remove: t('automation.section.deleteTrigger', name) };
  return (
    <li className={`automation-entry${enabled ? '' : ' automation-entry-off'}`}>
      <div className="automation-entry-text">
        <strong className="automation-entry-title">{title}</strong>
        {enabled ? null : <span className="badge badge-muted">{t('automation.section.off')}</span>}
        {details.filter(Boolean).map((line, i) => (
          <span key={i} className="automation-entry-detail">
            {line}
          </span>
        ))}
      </div>
      <div className="automation-entry-actions">
        <button type="button" className="button button-small" aria-haspopup="dialog" aria-label={labels.edit} onClick={onEdit}>
          {t('automation.section.edit')}
        </button>
        <button type="button" className="button button-small" aria-label={labels.toggle} onClick={onToggle}>
          {enabled ? t('automation.section.turnOff') : t('automation.section.turnOn')}
        </button>
        <button type="button" className="button button-small button-danger" aria-haspopup="dialog" aria-label={labels.remove} onClick={onDelete}>
          {t('automation.section.delete')}
        </button>
      </div>
    </li>
  );
}
