/** Picks the member a self-introduction passes the baton to, from the directory (GET /v1/members, members only). */
import { html, nothing, type TemplateResult } from 'lit';
import { describeError, type Page } from '../../core/index.js';
import { tr } from './parts.messages.js';
import type { FeedHost } from './types.js';

interface Card {
  id: string;
  profile: { name: string; currentCompany?: string; lastDepartment?: string };
}

export class NomineePicker {
  private results?: Card[];
  private error?: unknown;
  private timer?: ReturnType<typeof setTimeout>;
  private seq = 0;

  constructor(
    private readonly host: FeedHost,
    private readonly choose: (member: { id: string; name: string }) => void,
  ) {}

  private search(q: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      const call = ++this.seq;
      if ([...q.trim()].length < 2) {
        this.results = undefined;
        this.host.update();
        return;
      }
      try {
        const page = await this.host.client.get<Page<Card>>('/v1/members', { query: { q: q.trim(), limit: 8 }, auth: 'session' });
        if (call !== this.seq) return;
        this.results = page.data.filter((m) => m.id !== this.host.me);
        this.error = undefined;
      } catch (error) {
        this.error = error;
      }
      this.host.update();
    }, 250);
  }

  render(): TemplateResult {
    const t = (k: Parameters<typeof tr>[1]) => tr(this.host.lang, k);
    const list = this.results;
    return html`<div class="picker" part="picker">
      <input class="field" type="search" aria-label=${t('findMember')} placeholder=${t('findMember')} @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)} />
      <p class="hint" role="status">${this.error ? describeError(this.error, this.host.lang) : !list ? t('typeToSearch') : list.length ? '' : t('noMembers')}</p>
      ${list?.length
        ? html`<ul class="results">
            ${list.map(
              (m) => html`<li><button type="button" data-member=${m.id} @click=${() => this.choose({ id: m.id, name: m.profile.name })}>
                <strong>${m.profile.name}</strong> <span class="meta">${m.profile.currentCompany ?? m.profile.lastDepartment ?? ''}</span></button></li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }
}
