import { defineModule } from '../module.js';
import { analyticsRoutes } from './routes.admin.js';

/** The staff dashboard: outcome figures over the tenant's members, events and jobs (read-only; no tables of its own). */
export const analyticsModule = defineModule({
  name: 'analytics',
  routes: analyticsRoutes,
});
