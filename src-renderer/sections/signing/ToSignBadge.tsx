import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { liveEvents } from '../../api';
import { useToSignStore } from './to-sign-store';

/** How many documents wait for my signature, beside "To sign" in the navigation; nothing when none do. */
export function ToSignBadge() {
  const { t } = useTranslation();
  const count = useToSignStore((s) => s.items?.length ?? 0);
  if (count === 0) return null;
  return (
    <span className="nav-badge" data-testid="to-sign-count">
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('signingUi.list.badge', { count })}</span>
    </span>
  );
}

/** Keeps the list (and so the badge) current while the app is open: a document sent, signed or declined anywhere. */
export function useToSignFollower(userId: string): void {
  const load = useToSignStore((s) => s.load);
  useEffect(() => {
    void load(userId);
    return liveEvents.subscribe(({ events, reset }) => {
      if (reset || events.some((e) => e.type === 'documentsChanged')) void load(userId);
    });
  }, [load, userId]);
}
