import type { OutboxTopics } from '../core/outbox/topics.js';
import { analyticsModule } from './analytics/index.js';
import { auditModule } from './audit/index.js';
import { authModule } from './auth/index.js';
import { contactModule } from './contact/index.js';
import { directoryModule } from './directory/index.js';
import { eventsModule } from './events/index.js';
import { jobsModule } from './jobs/index.js';
import { feedModule } from './feed/index.js';
import { memberKindsModule } from './member-kinds/index.js';
import { groupsModule } from './groups/index.js';
import { membersModule } from './members/index.js';
import { messagesModule } from './messages/index.js';
import { notificationsModule } from './notifications/index.js';
import type { Module } from './module.js';
import { platformModule } from './platform/index.js';
import { rosterModule } from './roster/index.js';
import { staffModule } from './staff/index.js';
import { tenantsModule } from './tenants/index.js';

/** Every domain of Homecoming. Adding one is a folder under modules/ and a line here. */
export const modules: Module[] = [
  platformModule,
  tenantsModule,
  authModule,
  membersModule,
  rosterModule,
  directoryModule,
  contactModule,
  notificationsModule,
  eventsModule,
  jobsModule,
  staffModule,
  auditModule,
  feedModule,
  messagesModule,
  memberKindsModule,
  groupsModule,
  analyticsModule,
];

/** The outbox topics of every module, for the worker. */
export const outboxTopics: OutboxTopics = Object.assign({}, ...modules.map((m) => m.outbox));
