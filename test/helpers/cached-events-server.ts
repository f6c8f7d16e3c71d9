/**
 * server/index.ts with the events list cached (cached-events.ts): an API process for the two-process
 * freshness tests and the scale-out bench, started by test/helpers/processes.ts with `entry`.
 */
import { loadConfig } from '../../server/config.js';
import { startApi } from '../../server/runtime.js';
import { modulesWithCachedEvents } from './cached-events.js';

const config = loadConfig();
const api = await startApi(config, config.PORT, '0.0.0.0', { modules: modulesWithCachedEvents() });
console.log(`[homecoming] API listening on ${api.url} (database ${config.DATABASE_URL}, events list cached)`);
const stop = () => void api.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
