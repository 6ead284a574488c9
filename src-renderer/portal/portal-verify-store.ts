import { publicVerifyMaxBytes } from '../../src-shared/portal/verify';
import { createVerifyStore } from '../sections/verify/verify-checks';
import { portalApi } from './portal-api';
import { usePortalStatus } from './portal-status';

/** The /verify page's checks: the file posted to the server as it is (no progress to show but "working"). */
export const usePortalVerifyStore = createVerifyStore({
  maxBytes: publicVerifyMaxBytes,
  verify: (file) => portalApi.verify(file),
  announce: (text) => usePortalStatus.getState().announce(text),
  withdraw(text) {
    const portal = usePortalStatus.getState();
    if (portal.status?.text === text) portal.clear();
  },
});
