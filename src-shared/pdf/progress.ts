/**
 * What sealing or verifying a PDF reports while it runs, for a progress bar. Large files take seconds: the hash of
 * every byte dominates, so the work is counted in bytes hashed, and each later step (a signature checked, the
 * evidence read) counts as one unit more.
 */
export type ProgressPhase =
  /** Reading the file's structure: locating signatures, loading the document. */
  | 'read'
  /** Hashing the bytes a signature covers (and the whole file, for its SHA-256). */
  | 'hash'
  /** Checking (verify) or making (seal) a signature. */
  | 'signature'
  /** Reading Signet's evidence attachment, or looking for the remains of a removed seal. */
  | 'evidence'
  /** Producing the sealed file. */
  | 'write';

export interface Progress {
  phase: ProgressPhase;
  /** Never decreases during one operation; the last report of an operation that succeeds has `done === total`. */
  done: number;
  /** The same in every report of one operation. */
  total: number;
}

export type OnProgress = (progress: Progress) => void;
