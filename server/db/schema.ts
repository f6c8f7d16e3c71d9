// Every table, for the drizzle client and drizzle-kit. Each lives with its module.
export * from '../modules/tenants/schema.js';
export * from '../modules/members/schema.js';
export * from '../modules/auth/schema.js';
export * from '../modules/roster/schema.js';
export * from '../modules/contact/schema.js';
export * from '../modules/events/schema.js';
export * from '../modules/notifications/schema.js';
export * from '../modules/jobs/schema.js';
export * from '../modules/feed/schema.js';
export * from '../core/rate-limit.schema.js';
export * from '../core/outbox/schema.js';
export * from '../modules/staff/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/messages/schema.js';
export * from '../modules/member-kinds/schema.js';
export * from '../modules/groups/schema.js';
