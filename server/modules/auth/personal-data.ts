import { and, eq } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { emailCodes, sessions } from './schema.js';
import { sessionView } from './sessions.js';

/** Sessions (shown without their tokens) and pending sign-in codes (hashes only: nothing to show). */
export const authPersonalData = [
  personalData({
    table: sessions,
    rows: (s) => and(eq(sessions.tenantId, s.tenantId), eq(sessions.memberId, s.id))!,
    erase: 'delete',
    export: { key: 'sessions', view: sessionView },
  }),
  personalData({
    table: emailCodes,
    rows: (s) => and(eq(emailCodes.tenantId, s.tenantId), eq(emailCodes.email, s.email))!,
    erase: 'delete',
    export: { omit: 'only hashes of one-time codes that expire within minutes' },
  }),
];
