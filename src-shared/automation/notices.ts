import { z } from 'zod';

/** An automation rule's notice to the employee at the app (issue 9), newest first in their list. */
export interface Notice {
  id: string;
  documentId: string;
  documentTitle: string;
  documentNumber: string;
  /** The rule's message; empty when it has none (the document is the message). */
  text: string;
  at: string;
  read: boolean;
}

export const markNoticesReadInput = z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(200) });
