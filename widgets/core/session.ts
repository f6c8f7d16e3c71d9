import { configKey, type HomecomingConfig } from './config.js';

/** The signed-in member as the API returned it; widgets rely only on `id` and read the rest if present. */
export interface SessionMember {
  id: string;
  name?: string;
  email?: string;
  status?: string;
  [key: string]: unknown;
}

export interface Session {
  token: string;
  member: SessionMember;
}

export type SessionListener = (session: Session | null) => void;

export const SESSION_KEY_PREFIX = 'homecoming:session:';

// Private browsing or a sandboxed iframe can make localStorage throw; a widget then keeps the
// session in memory for the page's lifetime instead of failing.
const memory = new Map<string, string>();
function readRaw(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}
function writeRaw(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    if (value === null) memory.delete(key);
    else memory.set(key, value);
  }
}

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.token === 'string' && value.member && typeof value.member.id === 'string') return value as Session;
  } catch {
    // a damaged entry counts as signed out
  }
  return null;
}

/**
 * The member session for one API + publishable key, kept in localStorage under
 * `homecoming:session:<apiUrl>|<publishableKey>`. Every element on the page with the same
 * configuration shares one store; subscribers hear changes from this page and from other tabs.
 */
export class SessionStore {
  readonly key: string;
  private raw: string | null;
  private listeners = new Set<SessionListener>();
  private expiredUnreported = false;

  constructor(config: HomecomingConfig) {
    this.key = SESSION_KEY_PREFIX + configKey(config);
    this.raw = readRaw(this.key);
  }

  get(): Session | null {
    return parse(this.raw);
  }

  get token(): string | undefined {
    return this.get()?.token;
  }

  get member(): SessionMember | undefined {
    return this.get()?.member;
  }

  set(session: Session): void {
    this.write(JSON.stringify(session));
  }

  /** Replaces the cached member (after a profile edit) keeping the token. */
  updateMember(member: SessionMember): void {
    const current = this.get();
    if (current) this.set({ ...current, member });
  }

  /** Forgets the session; `expired` when the API refused it, so one element can tell the host page. */
  clear(reason: 'user' | 'expired' = 'user'): void {
    // Listeners are called synchronously by write(); the flag lives only for that notification.
    this.expiredUnreported = reason === 'expired' && this.raw !== null;
    try {
      this.write(null);
    } finally {
      this.expiredUnreported = false;
    }
  }

  /** True once while an expiry is being announced: the first element to hear of it fires `alumni-signed-out`. */
  takeExpiry(): boolean {
    const expired = this.expiredUnreported;
    this.expiredUnreported = false;
    return expired;
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads storage (another tab or another copy of the bundle may have written it). */
  reload(): void {
    this.apply(readRaw(this.key));
  }

  private write(raw: string | null): void {
    writeRaw(this.key, raw);
    this.apply(raw);
  }

  private apply(raw: string | null): void {
    if (raw === this.raw) return;
    this.raw = raw;
    const session = this.get();
    for (const listener of [...this.listeners]) {
      try {
        listener(session);
      } catch (error) {
        console.error('[homecoming] session listener failed', error);
      }
    }
  }
}

const stores = new Map<string, SessionStore>();

function listenOnce(): void {
  // Other tabs write localStorage → `storage` event; another copy of the bundle on this page
  // signals through the alumni-signed-in/out events it fires.
  window.addEventListener('storage', (event) => {
    if (event.key === null) for (const store of stores.values()) store.reload();
    else stores.get(event.key.slice(SESSION_KEY_PREFIX.length))?.reload();
  });
  const reloadAll = () => {
    for (const store of stores.values()) store.reload();
  };
  window.addEventListener('alumni-signed-in', reloadAll);
  window.addEventListener('alumni-signed-out', reloadAll);
}

/** The one store per API + key on this page. */
export function sessionStore(config: HomecomingConfig): SessionStore {
  if (stores.size === 0) listenOnce();
  const id = configKey(config);
  let store = stores.get(id);
  if (!store) {
    store = new SessionStore(config);
    stores.set(id, store);
  }
  return store;
}
