import { and, eq } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { staff, staffCodes } from './schema.js';

/**
 * Staff accounts hold an address, so the registry must say what erasing a *member* with the same
 * address does to them: nothing. A staff account is the company's record of who runs its network
 * (and names actors in the audit log); it is removed by the company, not by the member's erasure.
 * Console codes are hashes that expire within minutes.
 */
export const staffPersonalData = [
  personalData({
    table: staff,
    rows: (s) => and(eq(staff.tenantId, s.tenantId), eq(staff.email, s.email))!,
    erase: { keep: 'the company’s own record of who runs its network; removed by the company' },
    export: { omit: 'a staff account is the company’s record, not part of the membership' },
  }),
  personalData({
    table: staffCodes,
    rows: (s) => and(eq(staffCodes.tenantId, s.tenantId), eq(staffCodes.email, s.email))!,
    erase: { keep: 'console sign-in codes of a staff account (hashes that expire within minutes)' },
    export: { omit: 'only hashes of one-time codes that expire within minutes' },
  }),
];
