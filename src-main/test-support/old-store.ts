import path from 'node:path';
import { migrations } from '../store/migrations';
import { openStore } from '../store/open-store';
import { tempDir } from './temp-services';

/**
 * A store file at schema `version` holding one user ('u1'), one file ('f') and one document ('d1'), closed again: what
 * a migration test opens with the next migration, to see it keep and relate what was there.
 */
export async function storeFileWithOneDocument(version: number): Promise<string> {
  const file = path.join(tempDir(), 'signet.sqlite');
  const old = await openStore(file, { migrations: migrations.slice(0, version) });
  old.sqlite.exec(`
    insert into users (id, name, is_admin, is_signer, created_at) values ('u1', 'Anna', 1, 1, '2026-01-01');
    insert into files (sha256, size, media_type, created_at) values ('f', 1, 'application/pdf', '2026-01-01');
    insert into documents (id, title, number, original_sha256, original_name, owner_id, created_at, updated_at)
      values ('d1', 'Umowa', 'N1', 'f', 'a.pdf', 'u1', '2026-01-01', '2026-01-01');
  `);
  await old.close();
  return file;
}
