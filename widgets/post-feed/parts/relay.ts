/** A relay's chain (loaded on first use): who passed the baton to whom, with links to the self-introductions. */
import { html, nothing, type TemplateResult } from 'lit';
import { describeError } from '../../core/index.js';
import { tr, who as named } from './parts.messages.js';
import { partStyles } from './part-styles.js';
import type { FeedHost, Person } from './types.js';

interface Relay {
  title: string | null;
  steps: { batonId: string; from: Person; to: Person; postId: string | null; createdAt: string }[];
}

export class RelayView {
  private relay?: Relay;
  private error?: unknown;

  constructor(
    private readonly host: FeedHost,
    private readonly relayId: string,
  ) {
    host.adopt(partStyles);
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.relay = await this.host.client.get<Relay>(`/v1/relays/${this.relayId}`, { auth: 'session' });
    } catch (error) {
      this.error = error;
    }
    this.host.update();
  }

  render(): TemplateResult {
    const t = (k: Parameters<typeof tr>[1], vars?: Record<string, string>) => tr(this.host.lang, k, vars);
    const who = (p: Person) => (p.type === 'company' ? t('company') : named(p, this.host.lang));
    const r = this.relay;
    return html`<div class="chain" part="relay-chain">
      <h4>${t('relayTitle')}${r?.title ? `: ${r.title}` : ''}</h4>
      ${this.error ? html`<p class="error" role="alert">${describeError(this.error, this.host.lang)}</p>` : nothing}
      ${r
        ? html`<ol>
            ${r.steps.map(
              (s) => html`<li>${t('passed', { from: who(s.from), to: who(s.to) })}
                ${s.postId ? html`<a href="#alumni-post=${s.postId}">${t('readPost')}</a>` : html`<span class="meta">${t('waiting')}</span>`}</li>`,
            )}
          </ol>`
        : nothing}
    </div>`;
  }
}
