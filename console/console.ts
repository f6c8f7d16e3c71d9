import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocaleController } from '../widgets/core/controllers.js';
import { renderError, renderLoading } from '../widgets/core/states.js';
import { HomecomingError } from '../widgets/core/errors.js';
import { consoleApi, consoleSession, type Me } from './api.js';
import { consoleMessages, type ConsoleKey } from './console.messages.js';
import { consoleStyles } from './console.styles.js';
import './parts/sign-in.js';
import './parts/approvals.js';
import './parts/members.js';
import './parts/settings.js';
import './parts/staff.js';
import './parts/audit.js';
import './parts/roster.js';
import './parts/jobs.js';
import './parts/feed.js';
import './parts/events.js';
import './parts/checkin.js';
import './parts/dashboard.js';

const LANG_KEY = 'homecoming:console:lang';
const pages = [
  // What HR does most first; the first page the role may use is where it lands.
  { id: 'approvals', needs: 'members.approve' },
  { id: 'dashboard', needs: 'analytics.read' },
  { id: 'members', needs: 'members.read' },
  { id: 'roster', needs: 'roster.manage' },
  { id: 'events', needs: 'events.read' },
  { id: 'checkin', needs: 'events.checkin' },
  { id: 'jobs', needs: 'jobs.read' },
  { id: 'feed', needs: 'posts.moderate' },
  { id: 'settings', needs: 'tenant.manage' },
  { id: 'staff', needs: 'staff.read' },
  { id: 'audit', needs: 'audit.read' },
] as const;
type PageId = (typeof pages)[number]['id'];

/**
 * The staff console: signs staff in (emailed code), then shows the pages their role may use — the
 * server checks every call again; the menu only hides what would be refused. Pages are addressed by
 * the URL's hash (`#approvals`), so the browser's back button and a bookmark work.
 *
 * @tagname alumni-console
 */
@customElement('alumni-console')
export class AlumniConsole extends LitElement {
  static override styles = consoleStyles;
  private locale = new LocaleController(this, consoleMessages);
  @state() private me?: Me;
  @state() private error?: unknown;
  @state() private page: PageId = 'approvals';
  private onHash = () => this.readHash();

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = localStorage.getItem(LANG_KEY);
    document.documentElement.lang = saved === 'en' || saved === 'ja' ? saved : navigator.language.startsWith('en') ? 'en' : 'ja';
    window.addEventListener('hashchange', this.onHash);
    this.readHash();
    void this.load();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  private t(key: ConsoleKey, vars?: Record<string, string>) {
    return this.locale.t(key, vars);
  }

  private readHash() {
    const id = location.hash.slice(1);
    if (pages.some((p) => p.id === id)) this.page = id as PageId;
  }

  private async load() {
    this.error = undefined;
    if (!consoleSession.token) {
      this.me = undefined;
      this.requestUpdate();
      return;
    }
    try {
      this.me = await consoleApi.get<Me>('/v1/admin/staff/me', { auth: 'session' });
      const allowed = pages.filter((p) => this.me!.capabilities.includes(p.needs));
      if (!allowed.some((p) => p.id === this.page) && allowed[0]) this.page = allowed[0].id;
    } catch (error) {
      if (error instanceof HomecomingError && error.status === 401) consoleSession.clear('expired');
      else this.error = error;
      this.me = undefined;
    }
  }

  private toggleLang() {
    const next = this.locale.lang === 'ja' ? 'en' : 'ja';
    localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = next;
    document.title = consoleMessages[next].title;
  }

  private async signOut() {
    await consoleApi.delete('/v1/staff/auth/session', { auth: 'session' }).catch(() => undefined);
    consoleSession.clear('user');
    this.me = undefined;
  }

  override render() {
    document.title = this.t('title');
    const langButton = html`<button type="button" class="lang" part="language" lang=${this.locale.lang === 'ja' ? 'en' : 'ja'} aria-label=${this.t('languageLabel')} @click=${this.toggleLang}>${this.t('language')}</button>`;
    if (this.error) {
      return html`<header><h1>${this.t('title')}</h1>${langButton}</header><main>${renderError(this.locale, this.error, () => void this.load())}</main>`;
    }
    if (!this.me) {
      if (consoleSession.token) return html`<main>${renderLoading(this.locale)}</main>`;
      return html`<header><h1>${this.t('title')}</h1>${langButton}</header>
        <main class="sign-in"><alumni-console-sign-in @alumni-console-signed-in=${() => void this.load()}></alumni-console-sign-in></main>`;
    }
    const me = this.me;
    const visible = pages.filter((p) => me.capabilities.includes(p.needs));
    const who = me.staff ? this.t('welcome', { name: me.staff.name, role: this.t(`role.${me.staff.role}` as ConsoleKey) }) : '';
    return html`
      <header>
        <h1>${me.tenant.name} · ${this.t('title')}</h1>
        <span class="who" data-who>${who}</span>
        ${langButton}
        <button type="button" class="secondary" @click=${() => void this.signOut()}>${this.t('signOut')}</button>
      </header>
      <div class="layout">
        <nav aria-label=${this.t('nav.label')}>
          <ul>
            ${visible.map(
              (p) => html`<li><a href="#${p.id}" aria-current=${p.id === this.page ? 'page' : nothing}>${this.t(`nav.${p.id}` as ConsoleKey)}</a></li>`,
            )}
          </ul>
        </nav>
        <main>${visible.length ? this.renderPage(me, visible.some((p) => p.id === this.page) ? this.page : visible[0]!.id) : html`<p>${this.t('forbidden')}</p>`}</main>
      </div>
    `;
  }

  /** The page asked for (its hash), or the first the role may use: a typed address never shows a page the role lacks. */
  private renderPage(me: Me, page: PageId) {
    switch (page) {
      case 'approvals':
        return html`<alumni-console-approvals></alumni-console-approvals>`;
      case 'members':
        return html`<alumni-console-members .canSuspend=${me.capabilities.includes('members.suspend')}></alumni-console-members>`;
      case 'settings':
        return html`<alumni-console-settings .canManageKeys=${me.capabilities.includes('keys.manage')}></alumni-console-settings>`;
      case 'staff':
        return html`<alumni-console-staff .me=${me}></alumni-console-staff>`;
      case 'audit':
        return html`<alumni-console-audit></alumni-console-audit>`;
      case 'roster':
        return html`<alumni-console-roster></alumni-console-roster>`;
      case 'jobs':
        return html`<alumni-console-jobs .capabilities=${me.capabilities}></alumni-console-jobs>`;
      case 'feed':
        return html`<alumni-console-feed .capabilities=${me.capabilities}></alumni-console-feed>`;
      case 'dashboard':
        return html`<alumni-console-dashboard></alumni-console-dashboard>`;
      case 'checkin':
        return html`<alumni-console-checkin></alumni-console-checkin>`;
      case 'events':
        return html`<alumni-console-events .canManage=${me.capabilities.includes('events.manage')}></alumni-console-events>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-console': AlumniConsole;
  }
}
