import { create } from 'zustand';
import type { ProgressPhase } from '../../../src-shared/pdf/progress';
import type { VerificationReport } from '../../../src-shared/pdf/verification';
import { i18n } from '../../i18n';
import type { CheckedFile } from './format';
import { refuseIfTooLarge } from './read-file';

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

export interface VerifyStore {
  state: VerifyState;
  /** Sends the file to be checked and keeps the report (or the translated-to-be error). */
  check(file: File): Promise<CheckOutcome>;
  /** Back to the drop zone ("Check another file"). */
  reset(): void;
}

/**
 * Where a check goes and what it says aloud: the desktop sends the file to `pdf.verify` and announces in the app's
 * live region; the portal posts it to the server and has a live region of its own.
 */
export interface VerifyBackend {
  /** Larger files are refused before a byte is read. */
  maxBytes: number;
  verify(file: File, show: (progress: CheckProgress) => void): Promise<VerificationReport>;
  announce(text: string): void;
  /** Takes `text` away if it is still what the live region says. */
  withdraw(text: string): void;
}

/**
 * The Verify screen's state, one store per backend. Each check gets a number; a result that arrives after a newer check
 * or a reset is dropped.
 */
export function createVerifyStore(backend: VerifyBackend) {
  let sequence = 0;
  return create<VerifyStore>()((set, get) => ({
    state: { phase: 'idle', error: null },

    async check(file) {
      const mine = ++sequence;
      let checkingText = '';
      const checked: CheckedFile = { name: file.name, size: file.size, checkedAt: new Date().toISOString() };
      try {
        refuseIfTooLarge(file, backend.maxBytes);
        set({ state: { phase: 'checking', file: checked } });
        checkingText = i18n.t('verifyPage.checking', { name: file.name });
        backend.announce(checkingText);
        // Progress of a check that is no longer the current one must not move the bar of the next.
        const show = (progress: CheckProgress) => {
          const state = get().state;
          if (mine === sequence && state.phase === 'checking') set({ state: { ...state, progress } });
        };
        const report = await backend.verify(file, show);
        if (mine !== sequence) return 'superseded';
        set({ state: { phase: 'report', file: { ...checked, checkedAt: new Date().toISOString() }, report, pdf: file } });
        // Replaces "Checking…" in the live region, so the last thing announced is the answer.
        backend.announce(i18n.t('verifyPage.checked', { name: file.name, verdict: i18n.t(`verify.verdict.${report.verdict}`) }));
        return 'report';
      } catch (error) {
        if (mine !== sequence) return 'superseded';
        set({ state: { phase: 'idle', error } });
        // The error itself is an alert beside the drop zone; a stale "Checking…" must not linger next to it.
        if (checkingText) backend.withdraw(checkingText);
        return 'error';
      }
    },

    reset() {
      sequence++;
      set({ state: { phase: 'idle', error: null } });
    },
  }));
}
