import { defineModule } from '../module.js';
import { auditAdminRoutes } from './routes.admin.js';

/**
 * The audit log: written by defineRoute for every admin call that may change data (or by the service
 * itself, in the change's own batch: trail.ts), read by owners and admins.
 */
export const auditModule = defineModule({ name: 'audit', routes: auditAdminRoutes });
