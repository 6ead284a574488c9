import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { liveEvents } from '../../api';
import { useAppStore } from '../../state/app-store';

/**
 * An automation rule's notice to the employee at this window (issue 9, "notify an employee in the app"): announced
 * in the status region as it arrives, whatever section is open. Its e-mail copy and the document's history keep it.
 */
export function useAutomationNotices(userId: string): void {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  useEffect(
    () =>
      liveEvents.subscribe(({ events }) => {
        for (const e of events) if (e.type === 'notice' && e.userId === userId) announce(t('automation.notice', { text: e.text }));
      }),
    [announce, t, userId],
  );
}
