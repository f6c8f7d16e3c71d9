export * from './tenants.js';
export * from './events.js';
