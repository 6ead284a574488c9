import { SyncStatusLine } from './SyncStatusLine';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../src-shared/company/schema';
import type { AppInfo } from '../../src-shared/contract/calls';
import { NavIcon } from '../components/NavIcon';
import { sections, useAppStore, type Section } from '../state/app-store';
import { useUsers, useUsersChanged } from '../state/use-users';
import { AutomationSection } from './automation/AutomationSection';
import { BoardSection } from './board/BoardSection';
import { ContactsSection } from './contacts/ContactsSection';
import { PermissionsSection } from './permissions/PermissionsSection';
import { roleName } from './permissions/permission-labels';
import { PlaceholderSection } from './placeholders/PlaceholderSection';
import { SettingsSection } from './settings/SettingsSection';
import { useEnrolRouteFollower } from './settings/pending-invitation';
import { useOpenedFileFollower } from './verify/opened-file';
import { closeSignView, useSignRoute } from './signing/use-sign-route';
import { closeWizard, useCreateRoute } from './wizard/create-route';
import { ToSignBadge, useToSignFollower } from './signing/ToSignBadge';
import { useAutomationNotices } from './automation/use-automation-notices';
import { NoticesButton } from './automation/NoticesButton';
import { ToSignSection } from './signing/ToSignSection';
import { SwitchUserDialog } from './SwitchUserDialog';
import { VerifySection } from './verify/VerifySection';

/** The signing screen brings pdf.js and signature_pad: fetched when a document is first opened for signing. */
const MySignView = lazy(() => import('./signing/MySignView').then((m) => ({ default: m.MySignView })));
/** The wizard hosts the field editor (pdf.js): fetched when it is first opened. */
const WizardSection = lazy(() => import('./wizard/WizardSection').then((m) => ({ default: m.WizardSection })));

/** Left navigation with the product's sections; the chosen section fills the main area. */
export function Shell({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const chosen = useAppStore((s) => s.section);
  const go = useAppStore((s) => s.go);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  // A `#/sign/<id>` address (a signet://sign link, a card's "Your signature needed") shows that document's signing screen.
  const signing = useSignRoute();
  // `#/create` (the board's "Create", a contact's page, a Draft's "Continue preparing") is the wizard, over the board.
  const creating = useCreateRoute();
  // A section the employee's access permissions leave out is not offered (a right lost while it was open included).
  const shown = sections.filter((s) => sectionAllowed(s, info));
  const section = signing ? 'toSign' : creating ? 'kanban' : shown.includes(chosen) ? chosen : 'kanban';
  // `#/enrol?…` (an invitation's signet://enrol link) opens Settings with the sign-in form filled in.
  useEnrolRouteFollower(useCallback(() => go('settings'), [go]));
  // `#/verify/opened` (a PDF the OS opened with the app) checks that file in Verify.
  useOpenedFileFollower(useCallback(() => go('verify'), [go]));
  useToSignFollower(info.user.id);
  useAutomationNotices(info.user.id);
  useInfoOnFocus();

  // After choosing a section, move focus to its heading so keyboard and screen-reader users land on the new content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [section]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main-content">
        {t('nav.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-company">{info.company.name}</div>
          </div>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {shown.map((s) => (
              <li key={s}>
                <a
                  href={`#${s}`}
                  aria-current={s === section ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    closeSignView();
                    if (creating) closeWizard();
                    go(s);
                  }}
                >
                  <NavIcon section={s} />
                  {t(`nav.${s}`)}
                  {s === 'toSign' ? <ToSignBadge /> : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <SidebarUser user={info.user} roles={info.roles} />
      </aside>
      <main id="main-content" className="main" tabIndex={-1}>
        {signing ? (
          <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
            <MySignView documentId={signing} userId={info.user.id} headingRef={headingRef} />
          </Suspense>
        ) : creating ? (
          <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
            <WizardSection route={creating} headingRef={headingRef} userId={info.user.id} />
          </Suspense>
        ) : (
          <SectionView section={section} headingRef={headingRef} info={info} />
        )}
      </main>
    </div>
  );
}

/**
 * Who works at the app now, and the way to hand it to another employee (shown once there is someone to hand it to).
 * `app.info` is read again whenever an employee changes, here or in another window: they all act for the same person.
 */
function SidebarUser({ user, roles }: { user: User; roles: AppInfo['roles'] }) {
  const { t } = useTranslation();
  const refreshInfo = useAppStore((s) => s.refreshInfo);
  const { users } = useUsers();
  const [switching, setSwitching] = useState(false);
  useUsersChanged(useCallback(() => void refreshInfo(), [refreshInfo]));

  return (
    <div className="sidebar-footer">
      <SyncStatusLine />
      <NoticesButton userId={user.id} />
      <span className="user-name" data-testid="current-user">
        {user.name}
      </span>
      {/* What they may do comes from their roles, so the roles are what is shown. */}
      <span className="user-role">{roles.length ? roles.map((role) => roleName(t, role)).join(', ') : t('permissions.section.noRoles')}</span>
      {users && users.length > 1 ? (
        <button type="button" className="sidebar-switch" aria-haspopup="dialog" onClick={() => setSwitching(true)}>
          {t('employeesUi.switch.open')}
        </button>
      ) : null}
      {switching && users ? <SwitchUserDialog current={user} users={users} onClose={() => setSwitching(false)} /> : null}
    </div>
  );
}

function SectionView({ section, headingRef, info }: { section: Section; headingRef: React.RefObject<HTMLHeadingElement | null>; info: AppInfo }) {
  switch (section) {
    case 'kanban':
      return <BoardSection headingRef={headingRef} userId={info.user.id} />;
    case 'toSign':
      return <ToSignSection headingRef={headingRef} userId={info.user.id} />;
    case 'contacts':
      return <ContactsSection headingRef={headingRef} />;
    case 'settings':
      return <SettingsSection headingRef={headingRef} info={info} />;
    case 'verify':
      return <VerifySection headingRef={headingRef} />;
    case 'permissions':
      return <PermissionsSection headingRef={headingRef} />;
    case 'automation':
      return <AutomationSection headingRef={headingRef} userId={info.user.id} />;
    default:
      return <PlaceholderSection section={section} headingRef={headingRef} />;
  }
}

/** Sections that need a right to be of any use; the others are for everyone (what they hold is filtered). */
function sectionAllowed(section: Section, info: AppInfo): boolean {
  if (section === 'permissions') return info.grants['permissions.manage'] !== 'none';
  if (section === 'contacts') return info.grants['contacts.view'] !== 'none';
  if (section === 'automation') return info.grants['automation.manage'] !== 'none';
  return true;
}

/**
 * `app.info` read again when the window comes back to the front: access permissions changed on another desktop (and
 * synced) or in another window show without a restart.
 */
function useInfoOnFocus() {
  const refreshInfo = useAppStore((s) => s.refreshInfo);
  useEffect(() => {
    const onFocus = () => void refreshInfo();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refreshInfo]);
}
