import { create } from 'zustand';
import type { LiveStatusMessage } from '../components/LiveStatus';

interface PortalStatus {
  status: LiveStatusMessage | null;
  announce(text: string, tone?: LiveStatusMessage['tone']): void;
  clear(): void;
}

let nextId = 1;

/** The portal's live region message (the desktop's lives in its app store, which the portal does not load). */
export const usePortalStatus = create<PortalStatus>()((set) => ({
  status: null,
  announce: (text, tone = 'info') => set({ status: { id: nextId++, text, tone } }),
  clear: () => set({ status: null }),
}));
