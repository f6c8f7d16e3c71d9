/** What the lazily loaded parts of <alumni-event-list> need from the element. */
import type { ReactiveControllerHost } from 'lit';
import { translate, type ApiClient, type LocaleController, type Vars } from '../../core/index.js';
import type { EventListKey } from '../event-list.messages.js';
import type { PublicEvent } from './event-view.js';
import { registrationMessages, type RegistrationKey } from './registration.messages.js';

export interface PartContext {
  i18n: LocaleController<EventListKey>;
  client(): ApiClient;
  signedIn(): boolean;
  signInHref(): string;
  /** The API answered with the event as it now stands for this member. */
  updated(event: PublicEvent): void;
}

export type PartHost = ReactiveControllerHost & HTMLElement;

/** The parts' own words. */
export function partText(ctx: PartContext, key: RegistrationKey, vars?: Vars): string {
  return translate(ctx.i18n.lang, key, vars, registrationMessages);
}

/**
 * Styles of a part, added to the element's shadow root when the part loads (constructable style sheets:
 * no <style> element, so a strict style-src is fine), so the list's own chunk does not carry them.
 */
export function adoptPartStyles(host: PartHost, sheet: CSSStyleSheet | undefined): void {
  const root = host.shadowRoot;
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
