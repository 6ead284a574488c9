/** Whether this computer is locked to one signer's in-person signing, and to whom. */
export type KioskState = { locked: false } | { locked: true; documentId: string; signerId: number };
