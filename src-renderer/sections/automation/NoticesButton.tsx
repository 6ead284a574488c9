import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { formatMoment } from '../board/format';
import { useNotices } from './use-notices';
import './automation.css';

/**
 * The employee's notices from automation rules (issue 9), kept until read: the sidebar says how many are unread, and
 * the list shows each with its document; opening it marks them read.
 */
export function NoticesButton({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  const { notices, markRead } = useNotices(userId);
  const [open, setOpen] = useState(false);
  const unread = notices.filter((n) => !n.read);
  if (notices.length === 0) return null;
  const close = () => {
    setOpen(false);
    void markRead(unread.map((n) => n.id));
  };
  return (
    <>
      <button type="button" className="sidebar-switch" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {unread.length ? t('automation.notices.buttonUnread', { count: unread.length }) : t('automation.notices.button')}
      </button>
      {open ? (
        <Dialog
          title={t('automation.notices.title')}
          onClose={close}
          size="small"
          footer={
            <button type="button" className="primary" onClick={close}>
              {t('automation.notices.close')}
            </button>
          }
        >
          <ol className="notices">
            {notices.map((n) => (
              <li key={n.id} className={n.read ? undefined : 'unread'}>
                <strong>{n.text || t('automation.notices.noText')}</strong>
                <span>
                  {t('automation.notices.about', { title: n.documentTitle, number: n.documentNumber })} · <time dateTime={n.at}>{formatMoment(n.at, i18n.language)}</time>
                  {n.read ? null : <span className="visually-hidden"> · {t('automation.notices.unread')}</span>}
                </span>
              </li>
            ))}
          </ol>
        </Dialog>
      ) : null}
    </>
  );
}
