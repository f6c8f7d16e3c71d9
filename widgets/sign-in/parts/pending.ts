/**
 * The code step survives a reload, or a phone discarding the tab while the person reads their mail:
 * the address a code was sent to is kept in sessionStorage (this tab only, gone when it closes), per
 * API and key, for as long as the code lasts. The code itself is never stored.
 */
import { configKey, type HomecomingConfig } from '../../core/index.js';

/** How long a sign-in code works (the API's CODE_TTL_MS). */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

const key = (config: HomecomingConfig) => `homecoming:pending-code:${configKey(config)}`;

/** Remembers that a code went to `email` just now. */
export function rememberCode(config: HomecomingConfig, email: string, now = Date.now()): void {
  try {
    sessionStorage.setItem(key(config), JSON.stringify({ email, until: now + CODE_LIFETIME_MS }));
  } catch {
    // Storage refused (private mode, sandboxed frame): the step then lasts as long as the page.
  }
}

/** The address a still-valid code was sent to in this tab, if any. */
export function pendingCode(config: HomecomingConfig, now = Date.now()): string | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key(config)) ?? 'null') as { email?: unknown; until?: unknown } | null;
    if (saved && typeof saved.email === 'string' && typeof saved.until === 'number' && saved.until > now) return saved.email;
    if (saved) forgetCode(config);
  } catch {
    // A damaged entry counts as none.
  }
  return undefined;
}

export function forgetCode(config: HomecomingConfig): void {
  try {
    sessionStorage.removeItem(key(config));
  } catch {
    // Nothing was stored.
  }
}
