import { defineModule } from '../module.js';
import { signInCodeTopics } from './codes.js';
import { authPersonalData } from './personal-data.js';
import { ssoAdminRoutes } from './routes.admin.js';
import { signInRoutes } from './routes.public.js';

/** Signing in (emailed codes, host-site SSO), sessions, and the tenant's SSO secret. */
export const authModule = defineModule({
  name: 'auth',
  routes: [...signInRoutes, ...ssoAdminRoutes],
  personalData: authPersonalData,
  outbox: signInCodeTopics,
});
