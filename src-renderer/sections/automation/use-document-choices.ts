import { useEffect, useState } from 'react';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { api } from '../../api';

const pageSize = 50;
const pause = 250;

/**
 * Documents to pick from (the dry run, the log's filter): the most recently changed ones, or those matching `query`
 * (title, number, counterparty — what the board's search matches), read again a moment after typing stops.
 */
export function useDocumentChoices(query: string) {
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () =>
        void api.call('documents.list', { filter: { query: query.trim() }, sort: 'updated', descending: true, limit: pageSize }).then(
          (page) => {
            if (!current) return;
            setDocuments(page.items);
            setError(null);
          },
          (e: unknown) => {
            if (current) setError(e);
          },
        ),
      query ? pause : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, attempt]);

  return { documents, error, retry: () => setAttempt((a) => a + 1) };
}
