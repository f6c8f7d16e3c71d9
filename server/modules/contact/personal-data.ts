import { and, eq } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { contactMessages } from './schema.js';

/** Messages between members: both ends are erased with either member; the export holds what they wrote. */
export const contactPersonalData = [
  personalData({
    table: contactMessages,
    rows: (s) => and(eq(contactMessages.tenantId, s.tenantId), eq(contactMessages.fromMemberId, s.id))!,
    erase: 'delete',
    export: {
      key: 'messagesSent',
      view: (m) => ({ id: m.id, toMemberId: m.toMemberId, body: m.body, repliesAllowed: m.repliesAllowed, createdAt: m.createdAt }),
    },
  }),
  personalData({
    table: contactMessages,
    rows: (s) => and(eq(contactMessages.tenantId, s.tenantId), eq(contactMessages.toMemberId, s.id))!,
    erase: 'delete',
    export: { omit: 'written by other members; it reached you by mail' },
  }),
];
