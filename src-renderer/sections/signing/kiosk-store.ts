import { create } from 'zustand';
import type { KioskState } from '../../../src-shared/signing/kiosk-state';
import { api } from '../../api';

export type CodeChannel = 'email' | 'sms';

interface KioskStore {
  /** Null until asked: the app shows nothing of itself before it knows this computer is not locked to a signer. */
  state: KioskState | null;
  error: unknown;
  load(): Promise<void>;
  lock(input: { documentId: string; signerId: number; pin: string; channel: CodeChannel }): Promise<void>;
  unlock(pin: string): Promise<void>;
}

const channelKey = 'signet.kiosk.channel';

/** The channel the employee chose for the code, kept for this tab so a reload of the kiosk still offers it first. */
export function rememberedChannel(): CodeChannel {
  try {
    return sessionStorage.getItem(channelKey) === 'sms' ? 'sms' : 'email';
  } catch {
    return 'email';
  }
}

export const useKioskStore = create<KioskStore>()((set) => ({
  state: null,
  error: null,
  async load() {
    try {
      set({ state: await api.call('kiosk.state', {}), error: null });
    } catch (error) {
      set({ error });
    }
  },
  async lock({ channel, ...input }) {
    const state = await api.call('kiosk.lock', input);
    try {
      sessionStorage.setItem(channelKey, channel);
    } catch {
      // Not remembered: the code step offers e-mail first.
    }
    set({ state });
  },
  async unlock(pin) {
    set({ state: await api.call('kiosk.unlock', { pin }) });
  },
}));

/** Full screen where the browser allows it (it needs the click that asked); the kiosk covers the window either way. */
export function enterFullscreen(): void {
  if (document.fullscreenElement) return;
  document.documentElement.requestFullscreen?.().catch(() => undefined);
}

export function leaveFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}
