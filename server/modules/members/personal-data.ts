import { and, eq } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { consents, members } from './schema.js';
import { toMemberView } from './service.js';

/** The member row and profile, and the record of each privacy-policy acceptance. */
export const memberPersonalData = [
  personalData({
    table: members,
    rows: (s) => and(eq(members.tenantId, s.tenantId), eq(members.id, s.id))!,
    erase: 'delete',
    // Everything else refers to the member row, so it goes last.
    last: true,
    export: {
      key: 'member',
      single: true,
      view: (m, ctx) => ({ ...toMemberView(m, ctx.tenant), externalId: m.externalId, approvedAt: m.approvedAt, updatedAt: m.updatedAt }),
    },
  }),
  personalData({
    table: consents,
    rows: (s) => and(eq(consents.tenantId, s.tenantId), eq(consents.memberId, s.id))!,
    erase: 'delete',
    export: { key: 'consents', view: (c) => ({ version: c.version, acceptedAt: c.acceptedAt }) },
  }),
];
