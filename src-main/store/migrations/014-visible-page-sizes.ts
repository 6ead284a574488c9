import { sql } from 'kysely';
import type { Migration } from './migration';

/**
 * Page sizes recorded at import were the MediaBox's; they are now the part of the page a viewer shows (the CropBox
 * within the MediaBox, see `visibleBox` in src-main/pdf/page-box.ts), the space fields are placed in. They differ on
 * a cropped page, so every recorded size is forgotten: the fields service measures a file again, from the stored
 * original, the first time its sizes are asked for. Page counts do not change and are kept.
 */
export const visiblePageSizes: Migration = {
  version: 14,
  name: 'visible-page-sizes',
  async up(db) {
    await sql`update files set page_sizes = null where page_sizes is not null`.execute(db);
  },
};
