/**
 * The console's link to the API: the widgets' client (JSON, Bearer, problem+json → HomecomingError)
 * on the console's own origin, with the staff session kept in a store of its own — never the
 * members' — so the console and a widget on the same origin cannot mix credentials.
 */
import { ApiClient } from '../widgets/core/api.js';
import { SessionStore } from '../widgets/core/session.js';

export interface StaffView {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'moderator' | 'event_staff';
  status: 'invited' | 'active' | 'removed';
  locale: 'ja' | 'en';
  eventIds: string[];
  createdAt: string;
  lastSignInAt: string | null;
}

export interface Me {
  kind: 'staff' | 'secret_key';
  staff: StaffView | null;
  tenant: { id: string; name: string };
  capabilities: string[];
}

const config = { apiUrl: location.origin, publishableKey: 'console' };

export const consoleSession = new SessionStore(config);
export const consoleApi = new ApiClient(config, consoleSession);
