export * from '../modules/tenants/schema.js';
export * from '../modules/events/schema.js';
export * from '../modules/members/schema.js';
