import type { Generated } from 'kysely';

/*
 * Migration 003's tables: documents published by paired desktops, their files' uploads, their signers and the signing
 * links. Times are ISO-8601 UTC text; a link's token only as its SHA-256 hex.
 */

/** A file on its way from a desktop, its bytes arriving chunk by chunk into upload_chunks until whole and checked. */
export interface UploadTable {
  id: string;
  device_id: string;
  sha256: string;
  size: number;
  created_at: string;
  /** Set when the file was checked and moved into the files store. */
  completed_at: string | null;
  /** Migration 012: the bytes upload_chunks holds, moved in the transaction that adds a chunk. */
  received: Generated<number>;
  /** Migration 012: when the last chunk arrived (none before the first). */
  updated_at: Generated<string | null>;
  /** Migration 012: a chunk is being written until then, by whichever instance took it. */
  writing_until: Generated<string | null>;
}

/** Migration 012: what arrived of an upload, one row per chunk, at the offset it starts at. */
export interface UploadChunkTable {
  upload_id: string;
  offset: number;
  bytes: Uint8Array;
}

/** One document as a desktop sent it; (device_id, desktop_document_id) is what makes a retried publish the same. */
export interface PublishedDocumentTable {
  id: string;
  device_id: string;
  desktop_document_id: string;
  title: string;
  number: string;
  company_name: string;
  signing_order: string;
  file_sha256: string;
  /** The field layout as JSON text (src-shared/fields/layout.ts). */
  layout: string;
  message: string | null;
  /** open | completed | declined | cancelled | expired */
  state: string;
  expires_at: string;
  created_at: string;
  updated_at: string;
  /** Migration 004: read from the file the first time a link shows it, then kept (none before). */
  page_count: Generated<number | null>;
  /** Migration 004: the employee who sent it, shown as who asks; none from a desktop that did not say. */
  preparer_name: Generated<string | null>;
  /** Migration 005: the preparer's field values (JSON object) and the pages' sizes (JSON array of {width,height}). */
  preset_values: Generated<string | null>;
  page_sizes: Generated<string | null>;
  /** Migration 005: the sealed file once every signer signed, when, and when it left the portal. */
  sealed_sha256: Generated<string | null>;
  sealed_at: Generated<string | null>;
  sealed_removed_at: Generated<string | null>;
  /** Migration 006: when the publishing desktop first fetched the sealed file whole (its removal waits for it). */
  sealed_fetched_at: Generated<string | null>;
  /** Migration 014: 'server' when the publishing desktop handed this document's automation to the server. */
  automation: Generated<string | null>;
  /** Migration 014: the stage (its sync id) the server takes the card to be in, and since when. */
  automation_stage: Generated<string | null>;
  automation_stage_at: Generated<string | null>;
  /** Migration 014: tags the server's automation added ({tags, at}) and the owner it set ({id, at}), until sync brings them back. */
  automation_tags: Generated<string | null>;
  automation_owner: Generated<string | null>;
}

export interface PublishedSignerTable {
  id: string;
  document_id: string;
  /** The desktop's signer id, which the desktop's answers and later events name. */
  desktop_signer_id: string;
  ref: string;
  side: string;
  name: string;
  email: string | null;
  phone: string | null;
  channel: string;
  language: string;
  /** waiting | signed | declined */
  status: string;
  position: number;
  /** Migration 005: how and when they signed (identity_check: appLogin | emailCode | smsCode), or declined and why. */
  signed_at: Generated<string | null>;
  method: Generated<string | null>;
  identity_check: Generated<string | null>;
  signature_sha256: Generated<string | null>;
  declined_at: Generated<string | null>;
  declined_reason: Generated<string | null>;
  /** Migration 007: ISO 3166 alpha-2, as the desktop's contact has it; their values are read by it (none: PL). */
  country: Generated<string | null>;
}

/** Migration 005: a signer's field values as they signed (JSON per value), what the seal composes. */
export interface PublishedValueTable {
  signer_id: string;
  field_id: string;
  value: string;
}

/** Migration 005: what the publishing device follows (src-shared/company-server/events.ts); `details` is JSON. */
export interface DocumentFeedTable {
  seq: Generated<number>;
  device_id: string;
  document_id: string;
  signer_id: string | null;
  type: string;
  at: string;
  details: string;
}

/**
 * One per remote signer. The token exists only in the message sent to the signer; here its SHA-256. A link held
 * until the company side has signed has no token yet (`token_hash` null): nobody can open it, and none is kept for
 * it; the token is made when its message is released.
 */
export interface SigningLinkTable {
  id: string;
  document_id: string;
  signer_id: string;
  token_hash: string | null;
  channel: string;
  /** queued (handed to the outbox) | held (waiting for the company side) */
  message_state: string;
  expires_at: string;
  created_at: string;
  released_at: string | null;
  revoked_at: string | null;
  /** Migration 007: the published signer whose signature released this held link (none: sent with the publish). */
  released_by: Generated<string | null>;
}

export interface PublishingTables {
  uploads: UploadTable;
  upload_chunks: UploadChunkTable;
  published_documents: PublishedDocumentTable;
  published_signers: PublishedSignerTable;
  signing_links: SigningLinkTable;
  published_values: PublishedValueTable;
  document_feed: DocumentFeedTable;
}
