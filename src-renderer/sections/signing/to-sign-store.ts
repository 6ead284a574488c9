import { create } from 'zustand';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { api } from '../../api';
import { mySignerDue } from './to-sign';

/**
 * How many of "my documents" are read to find the ones awaiting my signature: the list's largest page. An employee
 * with more documents than that (owned or signed) would see only those among the latest; a dedicated query on the main
 * side is the cure when that happens.
 */
const scanLimit = 500;

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
      const { items } = await api.call('documents.list', { filter: { mine: true }, sort: 'updated', descending: true, offset: 0, limit: scanLimit });
      if (seq === loadSeq) set({ items: items.filter((d) => mySignerDue(d, userId)), error: null });
    } catch (error) {
      if (seq === loadSeq) set({ error });
    }
  },
}));
