import { create } from 'zustand';
import type { IdentityStatus, TrustAnchorInfo } from '../../../src-shared/identity/types';
import { api } from '../../api';

interface IdentityStore {
  status: IdentityStatus | null;
  /** `identity.status` itself failed: the card shows it with a retry. */
  statusError: unknown;
  anchors: TrustAnchorInfo[] | null;
  anchorsError: unknown;

  refreshStatus(): Promise<void>;
  /** "Try again" / "Create a new certificate". */
  create(): Promise<IdentityStatus>;
  moveToSafeStorage(): Promise<IdentityStatus>;
  importP12(data: string, password: string): Promise<IdentityStatus>;
  refreshAnchors(): Promise<void>;
  addAnchors(data: string): Promise<TrustAnchorInfo[]>;
  removeAnchor(sha256: string): Promise<void>;
}

/**
 * Every status request gets a number and only the newest answer is kept: a poll sent while "creating" must not
 * overwrite the status an import or a retry has just returned.
 */
let statusSeq = 0;

export const useIdentityStore = create<IdentityStore>()((set, get) => {
  const settle = async (request: Promise<IdentityStatus>): Promise<IdentityStatus> => {
    const mine = ++statusSeq;
    const status = await request;
    if (mine === statusSeq) set({ status, statusError: null });
    return status;
  };

  return {
    status: null,
    statusError: null,
    anchors: null,
    anchorsError: null,

    async refreshStatus() {
      const mine = ++statusSeq;
      try {
        const status = await api.call('identity.status', {});
        if (mine === statusSeq) set({ status, statusError: null });
      } catch (error) {
        if (mine === statusSeq) set({ statusError: error });
      }
    },

    create: () => settle(api.call('identity.create', {})),
    moveToSafeStorage: () => settle(api.call('identity.useSafeStorage', {})),
    importP12: (data, password) => settle(api.call('identity.importP12', { data, password })),

    async refreshAnchors() {
      try {
        set({ anchors: await api.call('trust.list', {}), anchorsError: null });
      } catch (error) {
        set({ anchorsError: error });
      }
    },

    async addAnchors(data) {
      const added = await api.call('trust.add', { data });
      await get().refreshAnchors();
      return added;
    },

    async removeAnchor(sha256) {
      await api.call('trust.remove', { sha256 });
      set({ anchors: (get().anchors ?? []).filter((a) => a.sha256 !== sha256) });
    },
  };
});
