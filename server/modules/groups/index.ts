import { defineModule } from '../module.js';
import { groupsPersonalData } from './personal-data.js';
import { adminGroupRoutes } from './routes.admin.js';
import { publicGroupRoutes } from './routes.public.js';

/**
 * Groups: members who share a department, an era, a region, an interest or a project, with their own
 * posts (the feed scoped to the group: feed/visibility.ts keeps them from everyone else) and member list.
 */
export const groupsModule = defineModule({
  name: 'groups',
  routes: [...publicGroupRoutes, ...adminGroupRoutes],
  personalData: groupsPersonalData,
});
