import type { ProgressPhase } from '../../../src-shared/pdf/progress';
import { api } from '../../api';
import { useAppStore } from '../../state/app-store';
import { createVerifyStore } from './verify-checks';
import { maxVerifyBytes, readAsBase64 } from './read-file';

export type { CheckOutcome, CheckProgress, VerifyState } from './verify-checks';

/**
 * The desktop's Verify: the file read here as base64 and checked by `pdf.verify` on the main side, with both halves'
 * progress. Lives outside the section so the last report survives a visit to another section (and a language switch,
 * after which it shows in the new language), and a check that is running finishes even if the section is left meanwhile.
 */
export const useVerifyStore = createVerifyStore({
  maxBytes: maxVerifyBytes,
  async verify(file, show) {
    const data = await readAsBase64(file, (done, total) => show({ phase: 'load', done, total }));
    return api.call('pdf.verify', { data }, { onProgress: (p) => show({ phase: p.phase as ProgressPhase, done: p.done, total: p.total }) });
  },
  announce: (text) => useAppStore.getState().announce(text),
  withdraw(text) {
    const app = useAppStore.getState();
    if (app.status?.text === text) app.clearStatus();
  },
});
