import { sql } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';

/**
 * The search index (tables of a custom migration): only what the member shows to members, rebuilt
 * from the member row. Erasure removes it at once; there is nothing in it the export does not hold.
 */
export const directoryPersonalData = [
  personalData({
    table: { rawName: 'directory_entries' },
    rows: (s) => sql`tenant_id = ${s.tenantId} and member_id = ${s.id}`,
    erase: 'delete',
    export: { omit: 'a search index built from the profile, which is in `member`' },
  }),
];
