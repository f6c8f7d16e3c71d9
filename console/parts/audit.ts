import { html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../../widgets/core/controllers.js';
import { PagedListController } from '../../widgets/core/paged-list.js';
import { renderEmpty, renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi } from '../api.js';
import { consoleMessages, type ConsoleKey } from '../console.messages.js';
import { pageStyles } from '../console.styles.js';

interface Entry {
  id: string;
  at: string;
  actor: { kind: 'staff' | 'secret_key'; id: string; name: string; email: string | null; role: string | null };
  action: string;
  targetId: string | null;
  summary: { before?: Record<string, unknown>; after?: Record<string, unknown> } | null;
}

const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') || '—' : v === null || v === undefined || v === '' ? '—' : String(v));

/** `status: pending → approved`, one line per field the service named (after only, for what was created). */
const describe = (s: NonNullable<Entry['summary']>) =>
  [...new Set([...Object.keys(s.before ?? {}), ...Object.keys(s.after ?? {})])].map((k) =>
    s.before && k in s.before ? `${k}: ${show(s.before[k])} → ${show(s.after?.[k])}` : `${k}: ${show(s.after?.[k])}`,
  );

/** The audit log, newest first, a page at a time. */
@customElement('alumni-console-audit')
export class ConsoleAudit extends LitElement {
  static override styles = pageStyles;
  private locale = new LocaleController(this, consoleMessages);
  private list = new PagedListController<Entry, readonly []>(this, {
    args: () => [] as const,
    load: (_args, cursor, signal) => consoleApi.get<Page<Entry>>('/v1/admin/audit', { auth: 'session', query: { limit: 30, cursor }, signal }),
    focusItem: (e) => this.renderRoot.querySelector(`[data-audit="${e.id}"] [data-actor]`),
  });

  override render() {
    const t = (k: ConsoleKey) => this.locale.t(k);
    return html`<h2>${t('audit.heading')}</h2>
      ${renderTask(this.list.task, this.locale, () =>
        this.list.items.length
          ? html`<ul class="rows" aria-label=${t('audit.heading')}>
              ${this.list.items.map(
                (e) => html`<li data-audit=${e.id}>
                  <div class="grow">
                    <strong data-actor tabindex="-1">${e.actor.kind === 'staff' ? e.actor.name : `${t('audit.secretKey')} (${e.actor.name})`}</strong>
                    ${e.actor.role ? html`<span class="badge">${t(`role.${e.actor.role}` as ConsoleKey)}</span>` : nothing}
                    <div><code data-action>${e.action}</code>${e.targetId ? html` · <span class="muted">${e.targetId}</span>` : nothing}</div>
                    ${e.summary ? describe(e.summary).map((line) => html`<div class="muted" data-summary>${line}</div>`) : nothing}
                  </div>
                  <time class="muted" datetime=${e.at}>${this.locale.dateTime(e.at)}</time>
                </li>`,
              )}
            </ul>
            ${this.list.renderMore(this.locale)}`
          : renderEmpty(this.locale, t('audit.empty')),
      )}`;
  }
}
