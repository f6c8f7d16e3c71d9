import { defineModule } from '../module.js';
import { tenantRoutes } from './routes.admin.js';
import { keyRoutes } from './routes.keys.js';

/** Tenants: their settings (origins, membership and privacy policy) and API keys. No member data. */
export const tenantsModule = defineModule({ name: 'tenants', routes: [...tenantRoutes, ...keyRoutes] });
