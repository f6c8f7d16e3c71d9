export * from './tenants.js';
export * from './events.js';
export * from './members.js';
