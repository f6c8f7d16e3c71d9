/** Browser-side helpers for the feed widget tests: the `feed.*` commands of the test API, and sessions. */
import { executeServerCommand } from '@web/test-runner-commands';
import { sessionStore, type SessionMember } from '../../widgets/core/index.js';
import type { WidgetApi } from './widget-fixtures.js';

/** Runs a `feed.*` command in the test API child (see test/helpers/widget-feed.ts). */
export function feed<T = unknown>(api: WidgetApi, cmd: string, payload: Record<string, unknown> = {}): Promise<T> {
  return executeServerCommand<T, object>('homecoming-api', { ...payload, cmd: `feed.${cmd}`, name: api.name });
}

/** Makes `session` the page's session (as if that member had signed in here). */
export function useSession(api: WidgetApi, session: { token: string; member: SessionMember }): void {
  sessionStore({ apiUrl: api.url, publishableKey: api.publishableKey }).set(session);
}
