import type { Migration } from '../../../src-main/store/migrations/migration';
import { pairing } from './001-pairing';
import { outbox } from './002-outbox';
import { publishing } from './003-publishing';
import { portal } from './004-portal';
import { signing } from './005-signing';
import { sealedFetch } from './006-sealed-fetch';
import { signerDetails } from './007-signer-details';
import { declinedState } from './008-declined-state';
import { sync } from './009-sync';
import { accounts } from './010-accounts';
import { requestCounts } from './011-request-counts';
import { uploadChunks } from './012-upload-chunks';
import { fileReferences } from './013-file-references';
import { automation } from './014-automation';

/**
 * The server's schema, in the desktop store's style: ordered, append only, a shipped migration never edited. 004 keeps
 * the portal's evidence; 005 the signatures, the seal and the feed the desktops follow; 006 when the desktop fetched
 * its sealed file; 007 a signer's country and which signature released a held link; 008 the declined state;
 * 009 sync between desktops; 010 employees' accounts; 011 request limits shared by instances on PostgreSQL;
 * 012 upload chunks in the database, so that any instance can take the next one; 013 the index that finds what
 * names a file, for access permissions; 014 the automation engine's jobs and which published documents it runs.
 */
export const serverMigrations: readonly Migration[] = [pairing, outbox, publishing, portal, signing, sealedFetch, signerDetails, declinedState, sync, accounts, requestCounts, uploadChunks, fileReferences, automation];

export const serverSchemaVersion = serverMigrations.length;
