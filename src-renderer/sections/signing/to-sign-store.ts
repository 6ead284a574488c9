import { create } from 'zustand';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { api } from '../../api';
import { mySignerDue } from './to-sign';

/** The list's largest page: more documents than that waiting for one person's signature is not a list anyone reads. */
const pageLimit = 500;

interface ToSignState {
  items: DocumentSummary[] | null;
  error: unknown;
  /** Reads again; the badge and the section share the answer. */
  load(userId: string): Promise<void>;
}

let loadSeq = 0;

/** The documents waiting for the signed-in employee's signature, newest change first. */
export const useToSignStore = create<ToSignState>()((set) => ({
  items: null,
  error: null,
  async load(userId) {
    const seq = ++loadSeq;
    try {
      // The store selects them; the check here only keeps a reply that raced a switch of employee from showing another's.
      const { items } = await api.call('documents.list', { filter: { awaitingMySignature: true }, sort: 'updated', descending: true, offset: 0, limit: pageLimit });
      if (seq === loadSeq) set({ items: items.filter((d) => mySignerDue(d, userId)), error: null });
    } catch (error) {
      if (seq === loadSeq) set({ error });
    }
  },
}));
