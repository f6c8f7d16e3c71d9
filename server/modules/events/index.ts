import { defineModule } from '../module.js';
import { adminEventRoutes } from './routes.admin.js';
import { publicEventRoutes } from './routes.public.js';

/** Events: the public list and detail, and the organiser's admin API. */
export const eventsModule = defineModule({
  name: 'events',
  routes: [...publicEventRoutes, ...adminEventRoutes],
  personalData: [],
});
