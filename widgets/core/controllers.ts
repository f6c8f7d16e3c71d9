import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { apiClient, type ApiClient } from './api.js';
import { configKey, resolveConfig, type ConfigSource, type HomecomingConfig } from './config.js';
import { describeError } from './errors.js';
import { emit } from './events.js';
import { formatDate, formatDateTime, formatEventTime, formatFee, formatNumber, type EventTimeText } from './format.js';
import { resolveLang, translate, type CoreKey, type Lang, type MessageBundle, type Vars } from './i18n.js';
import type { Session, SessionMember, SessionStore } from './session.js';

export type WidgetHost = ReactiveControllerHost & HTMLElement & ConfigSource;

/**
 * Connects an element to its API: resolves the configuration (attributes → <meta> → bundle
 * origin), hands out the shared client and session store, and re-renders the host when the
 * session changes anywhere on the page or in another tab.
 */
export class ConnectionController implements ReactiveController {
  private current?: ApiClient;
  private unsubscribe?: () => void;
  private warned = false;

  constructor(private readonly host: WidgetHost) {
    host.addController(this);
  }

  /** The client for the current configuration; the same object until `api-url` or the key changes. */
  get client(): ApiClient {
    const config = resolveConfig(this.host);
    if (!this.current || configKey(this.current.config) !== configKey(config)) {
      this.current = apiClient(config);
      if (this.unsubscribe) this.subscribe();
      if (!config.publishableKey && !this.warned) {
        this.warned = true;
        console.warn(`[homecoming] <${this.host.localName}> has no publishable key: add publishable-key="pk_…" or <meta name="homecoming:publishable-key">.`);
      }
    }
    return this.current;
  }

  get config(): HomecomingConfig {
    return this.client.config;
  }

  get session(): SessionStore {
    return this.client.session;
  }

  get member(): SessionMember | undefined {
    return this.session.member;
  }

  get token(): string | undefined {
    return this.session.token;
  }

  get signedIn(): boolean {
    return this.session.token !== undefined;
  }

  /** Stores the session for every widget of this tenant and fires `alumni-signed-in` from the host. */
  signIn(session: Session): void {
    this.session.set(session);
    emit(this.host, 'alumni-signed-in', { member: session.member });
  }

  /** Ends the session on the API (best effort), forgets it locally and fires `alumni-signed-out`. */
  async signOut(): Promise<void> {
    const token = this.token;
    if (token) {
      try {
        // The token is passed by hand so that a 401 here (already expired) is not announced as an expiry.
        await this.client.delete('/v1/auth/session', { auth: 'none', headers: { authorization: `Bearer ${token}` } });
      } catch {
        // Signing out locally must work offline too; the server session then expires by itself.
      }
    }
    this.session.clear();
    emit(this.host, 'alumni-signed-out', { reason: 'user' });
  }

  hostConnected(): void {
    this.subscribe();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private subscribe(): void {
    this.unsubscribe?.();
    const session = this.client.session;
    this.unsubscribe = session.subscribe(() => {
      if (session.takeExpiry()) emit(this.host, 'alumni-signed-out', { reason: 'expired' });
      this.host.requestUpdate();
    });
  }
}

const localeHosts = new Set<LocaleController<string>>();
let langObserver: MutationObserver | undefined;

/**
 * The element's language and formatters. The language follows `lang` on the element or its
 * ancestors (watched, so switching the page language re-renders every widget).
 */
export class LocaleController<K extends string = never> implements ReactiveController {
  lang: Lang = 'ja';
  private ownObserver?: MutationObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly messages?: MessageBundle<K>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.lang = resolveLang(this.host);
    localeHosts.add(this as LocaleController<string>);
    // One observer for the light DOM; elements inside shadow roots are also caught by hostUpdate.
    langObserver ??= new MutationObserver(() => localeHosts.forEach((c) => c.refresh()));
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    this.ownObserver = new MutationObserver(() => this.refresh());
    this.ownObserver.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    localeHosts.delete(this as LocaleController<string>);
    this.ownObserver?.disconnect();
  }

  hostUpdate(): void {
    this.lang = resolveLang(this.host);
  }

  /** Re-reads the language; re-renders the host if it changed. */
  refresh(): void {
    const lang = resolveLang(this.host);
    if (lang !== this.lang) {
      this.lang = lang;
      this.host.requestUpdate();
    }
  }

  t(key: K | CoreKey, vars?: Vars): string {
    return translate(this.lang, key, vars, this.messages);
  }

  describeError(error: unknown): string {
    return describeError(error, this.lang);
  }

  eventTime(startsAt: string, endsAt: string, timeZone: string): EventTimeText {
    return formatEventTime(startsAt, endsAt, timeZone, this.lang);
  }

  dateTime(iso: string, timeZone?: string): string {
    return formatDateTime(iso, this.lang, timeZone);
  }

  date(iso: string): string {
    return formatDate(iso, this.lang);
  }

  fee(amount: number, currency: string): string {
    return formatFee(amount, currency, this.lang);
  }

  number(value: number): string {
    return formatNumber(value, this.lang);
  }
}
