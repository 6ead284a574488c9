import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../src-shared/company/schema';
import { FormDialog } from '../components/FormDialog';
import { useAppStore } from '../state/app-store';

/**
 * Who works at this computer now. No password is asked: until the company server brings sign-in (issue 7) this is a
 * profile switch on a computer the office shares (see src-main/services/users/users-service.ts), and it only decides
 * whose board and name the app uses next.
 */
export function SwitchUserDialog({ current, users, onClose }: { current: User; users: readonly User[]; onClose(): void }) {
  const { t } = useTranslation();
  const name = useId();
  const switchUser = useAppStore((s) => s.switchUser);
  const announce = useAppStore((s) => s.announce);
  const [chosen, setChosen] = useState(current.id);

  const send = async () => {
    if (chosen === current.id) {
      onClose();
      return;
    }
    const user = await switchUser(chosen);
    onClose();
    announce(t('employeesUi.switch.done', { name: user.name }));
  };

  return (
    <FormDialog title={t('employeesUi.switch.title')} submitLabel={t('employeesUi.switch.submit')} busyLabel={t('employeesUi.switch.busy')} onClose={onClose} onSubmit={send}>
      {() => (
        <>
          <p className="muted">{t('employeesUi.switch.lead')}</p>
          <fieldset className="radio-group switch-users">
            <legend className="visually-hidden">{t('employeesUi.heading')}</legend>
            {users.map((user) => (
              <label key={user.id} className="radio">
                <input type="radio" name={name} value={user.id} checked={chosen === user.id} onChange={() => setChosen(user.id)} data-autofocus={user.id === current.id ? '' : undefined} />
                <span>
                  {user.name}
                  <span className="option-meta"> {roleOf(t, user, current)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </>
      )}
    </FormDialog>
  );
}

function roleOf(t: TFunction, user: User, current: User): string {
  const parts = [user.isAdmin ? t('settings.roleAdmin') : t('employeesUi.roleEmployee')];
  if (user.id === current.id) parts.push(t('employeesUi.switch.current'));
  return `· ${parts.join(' · ')}`;
}
