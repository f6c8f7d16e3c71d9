import { ConfigError, loadConfig } from './config.js';
import { startApi } from './runtime.js';

try {
  const config = loadConfig();
  const api = await startApi(config);
  console.log(`[homecoming] API listening on ${api.url} (database ${config.DATABASE_URL})`);
  const stop = () => void api.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
