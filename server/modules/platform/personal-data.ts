import { and, eq } from 'drizzle-orm';
import { outbox } from '../../core/outbox/schema.js';
import { personalData } from '../../core/personal-data.js';

/** Mail waiting for (or recently sent to) the member: nothing of theirs is kept after erasure. */
export const outboxPersonalData = [
  personalData({
    table: outbox,
    rows: (s) => and(eq(outbox.tenantId, s.tenantId), eq(outbox.memberId, s.id))!,
    erase: 'delete',
    export: { omit: 'copies of mail sent to you, kept a few days for delivery, then deleted' },
  }),
];
