import { defineModule } from '../module.js';
import { eventTopics } from './jobs.js';
import { eventPersonalData } from './personal-data.js';
import { adminEventRoutes } from './routes.admin.js';
import { attendeeRoutes } from './routes.attendees.js';
import { checkInRoutes } from './routes.checkin.js';
import { memberEventRoutes } from './routes.member.js';
import { publicEventRoutes } from './routes.public.js';

/**
 * Events: the public list and detail (with calendar files), registration with capacity and a waitlist,
 * each member's events and calendar feed, and the organiser's admin API (events, attendees, check-in).
 */
export const eventsModule = defineModule({
  name: 'events',
  routes: [...publicEventRoutes, ...memberEventRoutes, ...adminEventRoutes, ...attendeeRoutes, ...checkInRoutes],
  personalData: eventPersonalData,
  outbox: eventTopics,
});
