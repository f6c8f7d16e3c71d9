import { and, eq } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { notificationPreferences } from './schema.js';

export const notificationPersonalData = [
  personalData({
    table: notificationPreferences,
    rows: (s) => and(eq(notificationPreferences.tenantId, s.tenantId), eq(notificationPreferences.memberId, s.id))!,
    erase: 'delete',
    export: { key: 'notificationPreferences', view: (p) => ({ topic: p.topic, value: p.value, updatedAt: p.updatedAt }) },
  }),
];
