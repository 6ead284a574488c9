import { create } from 'zustand';
import type { ProgressPhase } from '../../../src-shared/pdf/progress';
import type { VerificationReport } from '../../../src-shared/pdf/verification';
import { api } from '../../api';
import { i18n } from '../../i18n';
import { useAppStore } from '../../state/app-store';
import type { CheckedFile } from './format';
import { readAsBase64, refuseIfTooLarge } from './read-file';

/** How far a check has got: reading the file here (`load`), then the main side's own phases (see `Progress`). */
export interface CheckProgress {
  phase: 'load' | ProgressPhase;
  done: number;
  total: number;
}

export type VerifyState =
  | { phase: 'idle'; error: unknown }
  | { phase: 'checking'; file: CheckedFile; progress?: CheckProgress | undefined }
  /** `pdf` is the File itself (a handle on the bytes, not a copy) for the preview, which reads it again locally. */
  | { phase: 'report'; file: CheckedFile; report: VerificationReport; pdf: File };

export type CheckOutcome = 'report' | 'error' | 'superseded';

interface VerifyStore {
  state: VerifyState;
  /** Reads the file, sends it to `pdf.verify` and keeps the report (or the translated-to-be error). */
  check(file: File): Promise<CheckOutcome>;
  /** Back to the drop zone ("Check another file"). */
  reset(): void;
}

/** Each check gets a number; a result that arrives after a newer check or a reset is dropped. */
let sequence = 0;

/**
 * Lives outside the section so the last report survives a visit to another section (and a language switch, after
 * which it shows in the new language), and a check that is running finishes even if the section is left meanwhile.
 */
export const useVerifyStore = create<VerifyStore>()((set, get) => ({
  state: { phase: 'idle', error: null },

  async check(file) {
    const mine = ++sequence;
    const { announce } = useAppStore.getState();
    let checkingText = '';
    const checked: CheckedFile = { name: file.name, size: file.size, checkedAt: new Date().toISOString() };
    try {
      refuseIfTooLarge(file);
      set({ state: { phase: 'checking', file: checked } });
      checkingText = i18n.t('verifyPage.checking', { name: file.name });
      announce(checkingText);
      // Progress of a check that is no longer the current one must not move the bar of the next.
      const show = (progress: CheckProgress) => {
        const state = get().state;
        if (mine === sequence && state.phase === 'checking') set({ state: { ...state, progress } });
      };
      const data = await readAsBase64(file, (done, total) => show({ phase: 'load', done, total }));
      const report = await api.call('pdf.verify', { data }, { onProgress: (p) => show({ phase: p.phase as ProgressPhase, done: p.done, total: p.total }) });
      if (mine !== sequence) return 'superseded';
      set({ state: { phase: 'report', file: { ...checked, checkedAt: new Date().toISOString() }, report, pdf: file } });
      // Replaces "Checking…" in the live region, so the last thing announced is the answer.
      announce(i18n.t('verifyPage.checked', { name: file.name, verdict: i18n.t(`verify.verdict.${report.verdict}`) }));
      return 'report';
    } catch (error) {
      if (mine !== sequence) return 'superseded';
      set({ state: { phase: 'idle', error } });
      // The error itself is an alert beside the drop zone; a stale "Checking…" must not linger next to it.
      const app = useAppStore.getState();
      if (checkingText && app.status?.text === checkingText) app.clearStatus();
      return 'error';
    }
  },

  reset() {
    sequence++;
    set({ state: { phase: 'idle', error: null } });
  },
}));
