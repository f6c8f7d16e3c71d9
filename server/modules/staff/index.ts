import { defineModule } from '../module.js';
import { consolePages } from './console.js';
import { staffPersonalData } from './personal-data.js';
import { staffAdminRoutes } from './routes.admin.js';
import { staffSignInRoutes } from './routes.public.js';

/** Staff accounts and roles, console sign-in (its own codes and sessions), and who may do what (roles.ts). */
export const staffModule = defineModule({
  name: 'staff',
  // /staff/me before /staff/{id}.
  routes: [...staffSignInRoutes, ...staffAdminRoutes, consolePages()],
  personalData: staffPersonalData,
});
