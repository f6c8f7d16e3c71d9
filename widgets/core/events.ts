import type { SessionMember } from './session.js';

export interface SignedInDetail {
  member: SessionMember;
}

export interface SignedOutDetail {
  /** `user`: the person signed out; `expired`: the API no longer accepted the session. */
  reason: 'user' | 'expired';
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A member signed in through a Homecoming widget (bubbles, composed). */
    'alumni-signed-in': CustomEvent<SignedInDetail>;
    /** The member signed out, or the session ended (bubbles, composed). */
    'alumni-signed-out': CustomEvent<SignedOutDetail>;
  }
}

/** Names of every event a Homecoming element fires (all start with `alumni-`). */
export type AlumniEventName = Extract<keyof GlobalEventHandlersEventMap, `alumni-${string}`>;
export type AlumniEventDetail<K extends AlumniEventName> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Fires a typed `alumni-*` event from `host`: bubbling and composed, so the host page hears it. */
export function emit<K extends AlumniEventName>(host: EventTarget, type: K, detail: AlumniEventDetail<K>, cancelable = false): boolean {
  return host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}
