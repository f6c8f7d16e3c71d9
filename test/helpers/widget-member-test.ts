/** Browser-side helpers for the member widget tests: the `members.*` commands of the test API, and sessions. */
import { executeServerCommand } from '@web/test-runner-commands';
import { sessionStore, type SessionMember } from '../../widgets/core/index.js';
import type { WidgetApi } from './widget-fixtures.js';

/** Runs a `members.*` command in the test API child (see test/helpers/widget-members.ts). */
export function members<T = unknown>(api: WidgetApi, cmd: string, payload: Record<string, unknown> = {}): Promise<T> {
  return executeServerCommand<T, object>('homecoming-api', { ...payload, cmd: `members.${cmd}`, name: api.name });
}

export const store = (api: WidgetApi) => sessionStore({ apiUrl: api.url, publishableKey: api.publishableKey });

/** A new member of the API's tenant with a session, stored as the page's session (as after signing in). */
export async function signInAs(
  api: WidgetApi,
  payload: { status?: 'approved' | 'pending'; person?: string; kind?: string; unlisted?: boolean; profile?: Record<string, unknown> } = {},
) {
  const session = await members<{ token: string; member: SessionMember & { email: string } }>(api, 'session', payload);
  store(api).set(session);
  return session;
}

/** A member of the API's tenant without a session of this page (e.g. someone the directory lists). */
export function addMember(api: WidgetApi, payload: { person?: string; unlisted?: boolean; profile?: Record<string, unknown> } = {}) {
  return members<{ token: string; member: SessionMember }>(api, 'session', { unlisted: false, ...payload });
}

/**
 * Records the URLs this page fetches (method and path) while it runs; `stop()` puts fetch back.
 * `answer` may replace the API's answer to some calls (e.g. a refusal the widget does not check itself).
 */
export function watchFetch(answer?: (method: string, url: URL) => Response | undefined) {
  const original = window.fetch;
  const calls: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    calls.push(`${method} ${url.pathname}`);
    return Promise.resolve(answer?.(method, url) ?? original(input, init));
  };
  return { calls, stop: () => (window.fetch = original) };
}

/** Forgets the page's session for this API (what another tab signing out would do). */
export function signOutLocally(api: WidgetApi): void {
  store(api).clear();
}
