import { defineModule } from '../module.js';
import { feedOutbox } from './notify.js';
import { feedPersonalData } from './personal-data.js';
import { adminPostRoutes } from './routes.admin.js';
import { commentRoutes } from './routes.comments.js';
import { publicPostRoutes } from './routes.public.js';
import { adminRelayRoutes, publicRelayRoutes } from './routes.relays.js';

/**
 * The post feed: company news and members' posts, comments, reactions, relay self-introductions,
 * moderation, and the mail that follows (replies, relay nominations, the digest for members away).
 */
export const feedModule = defineModule({
  name: 'feed',
  routes: [...publicPostRoutes, ...commentRoutes, ...publicRelayRoutes, ...adminPostRoutes, ...adminRelayRoutes],
  personalData: feedPersonalData,
  outbox: feedOutbox,
});
