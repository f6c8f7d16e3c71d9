/** Browser-side helpers for the member widget tests: the `members.*` commands of the test API, and sessions. */
import { executeServerCommand } from '@web/test-runner-commands';
import { sessionStore, type SessionMember } from '../../widgets/core/index.js';
import type { WidgetApi } from './widget-fixtures.js';

/** Runs a `members.*` command in the test API child (see test/helpers/widget-members.ts). */
export function members<T = unknown>(api: WidgetApi, cmd: string, payload: Record<string, unknown> = {}): Promise<T> {
  return executeServerCommand<T, object>('homecoming-api', { ...payload, cmd: `members.${cmd}`, name: api.name });
}

const store = (api: WidgetApi) => sessionStore({ apiUrl: api.url, publishableKey: api.publishableKey });

/** A new member of the API's tenant with a session, stored as the page's session (as after signing in). */
export async function signInAs(api: WidgetApi, payload: { status?: 'approved' | 'pending'; person?: string; kind?: string; unlisted?: boolean } = {}) {
  const session = await members<{ token: string; member: SessionMember & { email: string } }>(api, 'session', payload);
  store(api).set(session);
  return session;
}

/** Forgets the page's session for this API (what another tab signing out would do). */
export function signOutLocally(api: WidgetApi): void {
  store(api).clear();
}
