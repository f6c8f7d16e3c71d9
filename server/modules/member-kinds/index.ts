import { defineModule } from '../module.js';
import { memberKindRoutes } from './routes.admin.js';

/**
 * Member kinds: alumni, current employee and any kind the company adds, each with the features
 * (directory, events, jobs, feed, messages, groups) its members may use. Enforced for every member
 * route by defineRoute's `feature` (server/http/route.ts); the kind's features ride on the session lookup.
 */
export const memberKindsModule = defineModule({ name: 'member-kinds', routes: memberKindRoutes });
