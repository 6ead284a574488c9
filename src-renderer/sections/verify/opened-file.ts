import { useEffect } from 'react';
import { isOpenedFileRoute } from '../../../src-shared/verify/opened-route';
import { api } from '../../api';
import { errorText } from '../../i18n/format-error';
import { i18n } from '../../i18n';
import { useAppStore } from '../../state/app-store';
import { useVerifyStore } from './verify-store';

/**
 * "Open with Signet" (issue 10): at `#/verify/opened` the window opens Verify, takes the file the OS handed the shell
 * (`verify.takeOpened`) and checks it as if it had been picked. The address is put back at once, without a history
 * entry, so Back does not check it again; a file that cannot be read is said so.
 */
export function useOpenedFileFollower(openVerify: () => void): void {
  useEffect(() => {
    const follow = () => {
      if (!isOpenedFileRoute(window.location.hash)) return;
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
      openVerify();
      api.call('verify.takeOpened', {}).then(
        ({ file }) => {
          if (file) void useVerifyStore.getState().check(new File([Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0))], file.name, { type: 'application/pdf' }));
        },
        (error: unknown) => useAppStore.getState().announce(errorText(i18n.t, error), 'error'),
      );
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [openVerify]);
}
