import { and, eq, sql } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { rosterEmails, rosterEntries } from './schema.js';
import { toRosterView } from './service.js';

const keep = "the company's own record of its leavers, which the company uploaded and manages";

/** The company's roster entry for the member: kept on erasure, shown in the export. */
export const rosterPersonalData = [
  personalData({
    table: rosterEntries,
    rows: (s) =>
      and(
        eq(rosterEntries.tenantId, s.tenantId),
        sql`${rosterEntries.id} in (select ${rosterEmails.rosterEntryId} from ${rosterEmails} where ${rosterEmails.tenantId} = ${s.tenantId} and ${rosterEmails.email} = ${s.email})`,
      )!,
    erase: { keep },
    export: {
      key: 'rosterEntry',
      single: true,
      view: (r) => {
        const { id: _id, createdAt: _c, updatedAt: _u, ...view } = toRosterView(r);
        return view;
      },
    },
  }),
  personalData({
    table: rosterEmails,
    rows: (s) => and(eq(rosterEmails.tenantId, s.tenantId), eq(rosterEmails.email, s.email))!,
    erase: { keep },
    export: { omit: 'the same addresses are in rosterEntry.emails' },
  }),
];
