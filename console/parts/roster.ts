import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { HomecomingError } from '../../widgets/core/errors.js';
import { renderEmpty, renderError, renderLoading, renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi, consoleSession } from '../api.js';
import { pageStyles } from '../console.styles.js';
import { decodeRosterFile } from './roster-csv.js';
import { rosterMessages, type RosterKey } from './roster.messages.js';
import { rosterStyles } from './roster.styles.js';

type Value = string | string[] | null;
interface RosterEntryInput {
  emails: string[];
  name: string;
  employeeNumber?: string | null;
  department?: string;
  joinedOn?: string | null;
  leftOn?: string | null;
  kind?: string;
}
interface PreviewRow {
  line: number;
  status: 'new' | 'updated' | 'unchanged';
  entryId: string | null;
  changes: { field: string; before: Value; after: Value }[];
  entry: RosterEntryInput;
}
export interface RosterPreview {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  approvals: number;
  errors: { line: number; field: string; message: string }[];
  valid: PreviewRow[];
}
interface RosterEntry {
  id: string;
  emails: string[];
  name: string;
  employeeNumber: string | null;
  department: string;
  leftOn: string | null;
}
interface UploadResult {
  created: number;
  updated: number;
  approved: number;
}

/** Rows per apply call: small enough to show progress, large enough to be quick. */
const CHUNK = 200;
const SHOWN = 20;
const LISTED = 50;

/** The CSV goes to the preview as text/csv (the API client sends JSON only). */
async function previewCsv(text: string): Promise<RosterPreview> {
  const token = consoleSession.token;
  if (!token) throw new HomecomingError(401, 'unauthenticated', 'Sign in again.');
  let res: Response;
  try {
    res = await fetch('/v1/admin/roster/preview', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8', accept: 'application/json, application/problem+json' }, body: text });
  } catch {
    throw new HomecomingError(0, 'network', 'Cannot reach the server.');
  }
  const body = (await res.json().catch(() => ({}))) as RosterPreview & { code?: string; detail?: string; errors?: { field: string; message: string }[] };
  if (!res.ok) throw new HomecomingError(res.status, body.code ?? `http_${res.status}`, body.detail ?? res.statusText, Array.isArray(body.errors) ? body.errors : []);
  return body;
}

/**
 * Roster upload: pick a CSV (UTF-8 or Shift_JIS); the server's dry run says what applying it will
 * change — new, updated (which fields), unchanged, rows with errors — and nothing is written until
 * "apply", which sends the rows without errors in batches with a progress bar.
 */
@customElement('alumni-console-roster')
export class ConsoleRoster extends LitElement {
  static override styles = [pageStyles, rosterStyles];
  private locale = new LocaleController(this, rosterMessages);
  @state() private file?: { name: string; text: string; encoding: string };
  @state() private preview?: RosterPreview;
  @state() private reading = false;
  @state() private previewError?: unknown;
  @state() private progress?: { done: number; total: number; failed?: string };
  @state() private result?: UploadResult;
  private applied: UploadResult = { created: 0, updated: 0, approved: 0 };
  private list = new Task(this, {
    task: async (_a, { signal }) => consoleApi.get<Page<RosterEntry>>('/v1/admin/roster', { auth: 'session', query: { limit: LISTED }, signal }),
    args: () => [],
  });

  private t(key: RosterKey, vars?: Record<string, string | number>) {
    return this.locale.t(key, vars && Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])));
  }

  private async choose(e: Event) {
    const input = e.target as HTMLInputElement;
    const picked = input.files?.[0];
    this.result = this.progress = this.preview = this.previewError = undefined;
    if (!picked) return;
    const { text, encoding } = decodeRosterFile(await picked.arrayBuffer());
    this.file = { name: picked.name, text, encoding };
    await this.runPreview();
  }

  private async runPreview() {
    if (!this.file) return;
    this.reading = true;
    this.previewError = undefined;
    try {
      this.preview = await previewCsv(this.file.text);
    } catch (error) {
      this.previewError = error;
    } finally {
      this.reading = false;
    }
  }

  private async apply() {
    const rows = this.preview?.valid ?? [];
    const total = rows.length;
    if (!this.progress?.failed) this.applied = { created: 0, updated: 0, approved: 0 };
    let done = this.progress?.failed ? this.progress.done : 0;
    this.progress = { done, total };
    while (done < total) {
      const part = rows.slice(done, done + CHUNK).map((r) => r.entry);
      try {
        const res = await consoleApi.post<UploadResult>('/v1/admin/roster', { entries: part }, { auth: 'session' });
        this.applied = { created: this.applied.created + res.created, updated: this.applied.updated + res.updated, approved: this.applied.approved + res.approved };
      } catch (error) {
        this.progress = { done, total, failed: this.locale.describeError(error) };
        return;
      }
      done += part.length;
      this.progress = { done, total };
    }
    this.result = this.applied;
    this.preview = undefined;
    this.file = undefined;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#roster-file');
    if (input) input.value = '';
    void this.list.run();
  }

  private cancel() {
    this.preview = this.file = this.progress = undefined;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#roster-file');
    if (input) input.value = '';
  }

  private field(name: string) {
    return this.t(`field.${name}` as RosterKey);
  }

  private value(v: Value) {
    if (v === null || v === '' || (Array.isArray(v) && !v.length)) return this.t('roster.none');
    return Array.isArray(v) ? v.join('; ') : v;
  }

  private renderPreview(p: RosterPreview) {
    const applying = !!this.progress && !this.progress.failed;
    const updated = p.valid.filter((r) => r.status === 'updated');
    const created = p.valid.filter((r) => r.status === 'new');
    const count = (n: number) => this.t('roster.count', { count: n });
    return html`<section class="card" aria-labelledby="roster-summary" data-preview>
      <h3 id="roster-summary">${this.t('roster.summary')}</h3>
      ${this.file ? html`<p class="muted">${this.t('roster.encoding', { name: this.file.name, encoding: this.file.encoding, rows: p.rows })}</p>` : nothing}
      <dl class="counts">
        <div data-count="created"><dt>${this.t('roster.created')}</dt><dd>${count(p.created)}</dd></div>
        <div data-count="updated"><dt>${this.t('roster.updated')}</dt><dd>${count(p.updated)}</dd></div>
        <div data-count="unchanged"><dt>${this.t('roster.unchanged')}</dt><dd>${count(p.unchanged)}</dd></div>
        <div data-count="errors" class=${p.errors.length ? 'bad' : ''}><dt>${this.t('roster.errors')}</dt><dd>${count(new Set(p.errors.map((e) => e.line)).size)}</dd></div>
        <div data-count="approvals"><dt>${this.t('roster.approvals')}</dt><dd>${count(p.approvals)}</dd></div>
      </dl>
      ${p.errors.length
        ? html`<h4>${this.t('roster.errorRows')}</h4>
            <ul class="lines" data-errors>
              ${p.errors.map((e) => html`<li><strong>${this.t('roster.line', { line: e.line })}</strong> · ${this.field(e.field)}: <span lang="en">${e.message}</span></li>`)}
            </ul>`
        : nothing}
      ${updated.length
        ? html`<h4>${this.t('roster.changedRows')}</h4>
            <ul class="lines" data-updated>
              ${updated.slice(0, SHOWN).map(
                (r) => html`<li><strong>${this.t('roster.line', { line: r.line })}</strong> · ${r.entry.name}
                  <ul>${r.changes.map((c) => html`<li>${this.t('roster.change', { field: this.field(c.field), before: this.value(c.before), after: this.value(c.after) })}</li>`)}</ul></li>`,
              )}
            </ul>
            ${updated.length > SHOWN ? html`<p class="muted">${this.t('roster.more', { shown: SHOWN })}</p>` : nothing}`
        : nothing}
      ${created.length
        ? html`<h4>${this.t('roster.newRows')}</h4>
            <ul class="lines" data-created>
              ${created.slice(0, SHOWN).map((r) => html`<li><strong>${this.t('roster.line', { line: r.line })}</strong> · ${r.entry.name} · ${r.entry.emails.join('; ')}</li>`)}
            </ul>
            ${created.length > SHOWN ? html`<p class="muted">${this.t('roster.more', { shown: SHOWN })}</p>` : nothing}`
        : nothing}
      ${this.progress
        ? html`<div class="progress">
            <label for="roster-progress">${this.t('roster.progress')}</label>
            <progress id="roster-progress" max=${this.progress.total} .value=${this.progress.done}></progress>
            <p role="status">${this.t('roster.applying', { done: this.progress.done, total: this.progress.total })}</p>
            ${this.progress.failed ? html`<p class="problem" role="alert">${this.t('roster.failed', { done: this.progress.done, total: this.progress.total, reason: this.progress.failed })}</p>` : nothing}
          </div>`
        : nothing}
      ${p.valid.length
        ? html`<p class="actions">
            <button type="button" ?disabled=${applying} @click=${() => void this.apply()}>${this.progress?.failed ? this.t('roster.resume') : this.t('roster.apply', { count: p.valid.length })}</button>
            <button type="button" class="secondary" ?disabled=${applying} @click=${() => this.cancel()}>${this.t('roster.cancel')}</button>
          </p>`
        : html`<p class="problem" role="alert">${this.t('roster.nothing')}</p>`}
    </section>`;
  }

  override render() {
    return html`<h2>${this.t('roster.heading')}</h2>
      ${this.result ? html`<p class="notice" role="status" data-applied>${this.t('roster.applied', { ...this.result })}</p>` : nothing}
      <div class="card">
        <p class="muted">${this.t('roster.help')}</p>
        <label for="roster-file">${this.t('roster.file')}</label>
        <input id="roster-file" type="file" accept=".csv,text/csv" ?disabled=${!!this.progress && !this.progress.failed} @change=${(e: Event) => void this.choose(e)} />
      </div>
      ${this.reading ? html`<div role="status">${renderLoading(this.locale)}</div>` : nothing}
      ${this.previewError ? renderError(this.locale, this.previewError, () => void this.runPreview()) : nothing}
      ${this.preview && !this.reading ? this.renderPreview(this.preview) : nothing}
      <h3>${this.t('roster.current')}</h3>
      ${renderTask(this.list, this.locale, (page) =>
        page.data.length
          ? html`<ul class="rows" aria-label=${this.t('roster.current')} data-roster>
                ${page.data.map((r) => html`<li><div class="grow"><strong>${r.name}</strong><div class="muted">${[r.employeeNumber, r.department, r.emails.join('; ')].filter(Boolean).join(' · ')}</div></div></li>`)}
              </ul>
              ${page.nextCursor ? html`<p class="muted">${this.t('roster.more', { shown: LISTED })}</p>` : nothing}`
          : renderEmpty(this.locale, this.t('roster.empty')),
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-console-roster': ConsoleRoster;
  }
}
