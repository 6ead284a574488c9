import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermissionsView } from '../../../src-shared/permissions/permission-calls';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAppStore } from '../../state/app-store';
import { useCan } from '../../state/grants';
import { useStages } from '../settings/use-stages';
import { HoldersCards } from './HoldersCards';
import { PermissionHistoryCard } from './PermissionHistoryCard';
import { RoleNameDialog } from './RoleNameDialog';
import { RolesMatrix } from './RolesMatrix';
import { usePermissionsView } from './use-permissions-view';
import './permissions.css';
import { SectionHeader } from '../../components/SectionHeader';

/** "e-Podpis > Uprawnienia dostępu": roles and their matrix, who holds them, and the audit of every change. */
export function PermissionsSection({ headingRef }: { headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const canManage = useCan('permissions.manage');
  return (
    <section className="section" aria-labelledby="section-title">
      <SectionHeader headingRef={headingRef} title={t('nav.permissions')} lead={t('permissions.section.lead')} />
      {/* The navigation hides the section without the right; this covers a right lost while it was open. */}
      {canManage ? <PermissionsEditor /> : <p className="card">{t('permissions.section.notAllowed')}</p>}
    </section>
  );
}

function PermissionsEditor() {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const { view, loadError, reload, changed } = usePermissionsView();
  const { stages } = useStages();
  const [revision, setRevision] = useState(0);
  const [adding, setAdding] = useState(false);

  const afterChange = async (next?: PermissionsView) => {
    await changed(next);
    setRevision((r) => r + 1);
  };

  if (!view) return loadError ? <ErrorNotice error={loadError} onRetry={() => void reload()} /> : <p aria-busy="true">{t('common.loading')}</p>;

  const addRole = async ({ name, copyOf }: { name: string | null; copyOf: PermissionsView['roles'][number] | undefined }) => {
    const base = copyOf ?? view.roles[0]!;
    await api.call('permissions.saveRole', { name, levels: base.levels, stageMoves: base.stageMoves });
    setAdding(false);
    announce(t('permissions.roleDialog.added', { name: name ?? '' }));
    await afterChange();
  };

  return (
    <>
      <div className="card permission-intro">
        <p>{t('permissions.section.howItWorks')}</p>
        <p className="muted">{t('permissions.section.delegation')}</p>
        <button type="button" className="button" aria-haspopup="dialog" onClick={() => setAdding(true)}>
          {t('permissions.roleDialog.addTitle')}
        </button>
      </div>
      <RolesMatrix roles={view.roles} stages={stages ?? []} onChanged={() => afterChange()} />
      <HoldersCards view={view} onChanged={afterChange} />
      <PermissionHistoryCard roles={view.roles} stages={stages ?? []} revision={revision} />
      {adding ? <RoleNameDialog roles={view.roles} onClose={() => setAdding(false)} onSubmit={addRole} /> : null}
    </>
  );
}
