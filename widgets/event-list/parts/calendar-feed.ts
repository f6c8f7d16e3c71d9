/**
 * "My events" in the member's own calendar app: a private subscription URL (the API keeps only its
 * hash, so the URL is shown when it is made; afterwards the member can only make a new one, which
 * stops the old). Loaded with the registration block.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { adoptPartStyles, partText, type PartContext, type PartHost } from './part-context.js';
import { registrationStyles } from './registration.styles.js';

interface Feed {
  active: boolean;
  createdAt: string | null;
  url?: string;
  webcalUrl?: string;
}

export class CalendarFeed {
  private feed?: Feed;
  private loading?: Promise<void>;
  private busy = false;
  private error?: unknown;

  constructor(
    private readonly host: PartHost,
    private readonly ctx: PartContext,
  ) {
    adoptPartStyles(host, registrationStyles.styleSheet);
  }

  private async run(action: () => Promise<Feed>): Promise<void> {
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      this.feed = await action();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private make(): void {
    void this.run(() => this.ctx.client().post<Feed>('/v1/me/calendar-feed', undefined, { auth: 'session' })).then(() =>
      this.host.shadowRoot?.querySelector<HTMLInputElement>('[part~="calendar-feed"] input')?.select(),
    );
  }

  render(): TemplateResult {
    this.loading ??= this.run(() => this.ctx.client().get<Feed>('/v1/me/calendar-feed', { auth: 'session' }));
    const t = (key: Parameters<typeof partText>[1], vars?: Record<string, string>) => partText(this.ctx, key, vars);
    const feed = this.feed;
    return html`<section class="feed" part="calendar-feed" aria-labelledby="alumni-feed-title" aria-busy=${this.busy ? 'true' : 'false'}>
      <h3 id="alumni-feed-title">${t('feedTitle')}</h3>
      <p>${t('feedText')}</p>
      ${feed?.url
        ? html`<label>${t('feedUrl')}<input class="field" readonly .value=${feed.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} /></label>
            <div class="row"><a class="button secondary" part="button feed-open-link" href=${feed.webcalUrl ?? feed.url}>${t('feedOpen')}</a></div>
            <p class="muted">${t('feedPrivate')}</p>`
        : feed?.active
          ? html`<p class="muted">${t('feedActive', { date: this.ctx.i18n.date(feed.createdAt!) })}</p>`
          : nothing}
      ${feed && !feed.url
        ? html`<div class="row"><button type="button" class="button secondary" part="button feed-button" ?disabled=${this.busy} @click=${() => this.make()}>
            ${t(feed.active ? 'feedReset' : 'feedCreate')}</button></div>`
        : nothing}
      ${this.error ? html`<p class="field-error" role="alert">${this.ctx.i18n.describeError(this.error)}</p>` : nothing}
    </section>`;
  }
}
