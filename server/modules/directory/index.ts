import type { OutboxTopics } from '../../core/outbox/topics.js';
import { defineModule } from '../module.js';
import { directoryPersonalData } from './personal-data.js';
import { directoryRoutes } from './routes.public.js';
import { reindexMember, reindexTenant } from './search-index.js';

/**
 * Every write to a member row queues `directory.reindex` in the outbox (a trigger, migration 0006),
 * so the index follows the member without any write path having to remember it.
 */
const outbox: OutboxTopics = {
  'directory.reindex': {
    run: (db, item) => reindexMember(db, String(item.payload.memberId)),
  },
  // Queued by a trigger when the tenant's privacy-policy version changes (migration 0009).
  'directory.reindex-tenant': {
    run: async (db, item) => void (await reindexTenant(db, item.tenantId)),
  },
};

/** The member directory: search and filters over what members show to members. */
export const directoryModule = defineModule({ name: 'directory', routes: directoryRoutes, personalData: directoryPersonalData, outbox });
