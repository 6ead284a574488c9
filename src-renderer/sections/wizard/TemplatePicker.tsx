import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateSummary } from '../../../src-shared/templates/types';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAppStore } from '../../state/app-store';
import { useCan } from '../../state/grants';
import { useAction } from '../../state/use-action';
import { useLoaded } from '../../state/use-loaded';
import { createRouteHash, parseCreateRoute } from './create-route';
import './templates.css';

const listTemplates = () => api.call('templates.list', {});

/**
 * "Start from a template": the company's templates with their pages, fields and signer places. Using one creates the
 * Draft at once (file, company signers, fields) and opens it in the wizard as a resumed Draft, which goes on at the
 * first step not done: the counterparties, chosen each time. A contact the wizard was opened for is the first one.
 */
export function TemplatePicker({ title }: { title: string }) {
  const { t } = useTranslation();
  const canManageTemplates = useCan('templates.manage');
  const announce = useAppStore((s) => s.announce);
  const { value: items, setValue: setItems, loadError, reload } = useLoaded(listTemplates);
  const { busy, error, run } = useAction();
  const [deleting, setDeleting] = useState<TemplateSummary | null>(null);

  const use = (template: TemplateSummary) =>
    run(async () => {
      const contactId = parseCreateRoute(window.location.hash)?.contactId;
      const started = await api.call('templates.startDraft', { id: template.id, title: title.trim() || template.name, counterpartyContactIds: contactId ? [contactId] : [] }).catch((e: unknown) => {
        // A template deleted meanwhile (NOT_FOUND) should leave the list.
        void reload();
        throw e;
      });
      const open = started.openCompanyRoles.length ? ` ${t('templatesUi.openRoles', { names: started.openCompanyRoles.join(', ') })}` : '';
      announce(`${t('templatesUi.started', { name: template.name })}${open}`, 'info');
      // The wizard follows the address: naming the new Draft there makes it load it as it loads a resumed one.
      window.history.replaceState(window.history.state, '', createRouteHash({ documentId: started.document.id }));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });

  return (
    <section className="wizard-recent" aria-labelledby="wizard-templates-heading">
      <h3 id="wizard-templates-heading">{t('templatesUi.heading')}</h3>
      <ErrorNotice error={error ?? loadError} />
      {items && items.length === 0 ? <p className="muted">{t('templatesUi.none')}</p> : null}
      <ul className="wizard-recent-list" aria-labelledby="wizard-templates-heading">
        {(items ?? []).map((tpl) => (
          <li key={tpl.id} className="wizard-template">
            <div>
              <strong>{tpl.name}</strong>
              <span className="muted">
                {' '}
                · {t('templatesUi.pages', { count: tpl.pageCount })} · {t('templatesUi.fields', { count: tpl.fieldCount })}
              </span>
              <div className="muted">{companyLine(t, tpl)}</div>
              {tpl.counterpartyRoles > 0 ? <div className="muted">{t('templatesUi.counterparties', { count: tpl.counterpartyRoles })}</div> : null}
            </div>
            <div className="wizard-template-actions">
              <button type="button" className="button button-small" onClick={() => void use(tpl)} disabled={busy}>
                {t('templatesUi.use', { name: tpl.name })}
              </button>
              {canManageTemplates ? (
                <button type="button" className="button button-small" onClick={() => setDeleting(tpl)} aria-label={t('templatesUi.deleteLabel', { name: tpl.name })}>
                  {t('templatesUi.delete')}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {deleting ? (
        <ConfirmDialog
          title={t('templatesUi.deleteTitle')}
          question={t('templatesUi.deleteQuestion', { name: deleting.name })}
          confirmLabel={t('templatesUi.deleteConfirm')}
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await api.call('templates.delete', { id: deleting.id });
            setDeleting(null);
            setItems((old) => (old ?? []).filter((x) => x.id !== deleting.id));
            announce(t('templatesUi.deleted', { name: deleting.name }), 'info');
          }}
        />
      ) : null}
    </section>
  );
}

/** "For the company: Anna Nowak, Piotr Wiśniewski (can no longer sign)". */
function companyLine(t: TFunction, tpl: TemplateSummary): string {
  if (tpl.companyRoles.length === 0) return t('templatesUi.noCompany');
  const names = tpl.companyRoles.map((r) => (r.canSign ? (r.name ?? r.ref) : t('templatesUi.cannotSign', { name: r.name ?? r.ref })));
  return t('templatesUi.company', { names: names.join(', ') });
}
