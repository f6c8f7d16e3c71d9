import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { renderEmpty, renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi } from '../api.js';
import { pageStyles } from '../console.styles.js';
import { jobsMessages, type JobsKey } from './jobs.messages.js';
import './markdown-preview.js';

const types = ['rehire', 'contract', 'side_job', 'freelance', 'project'] as const;
const statuses = ['draft', 'open', 'closed'] as const;
const columns = ['new', 'contacted', 'interviewing', 'hired', 'closed'] as const;
type Column = (typeof columns)[number];

interface AdminJob {
  id: string;
  title: string;
  department: string;
  location: string;
  employmentType: (typeof types)[number];
  status: (typeof statuses)[number];
  visibility: 'public' | 'members';
  descriptionMarkdown: string;
  requirementsMarkdown: string;
  responses: { total: number; new: number };
}
interface JobResponse {
  id: string;
  kind: 'interest' | 'application' | 'referral';
  status: Column | 'withdrawn';
  member: { id: string; email: string; profile: Record<string, unknown> } | null;
  referral: { name: string } | null;
  note: string;
  message: string;
  createdAt: string;
}

/**
 * Jobs: the list (any status) with their response counts; create and edit with a live preview of the
 * description as members will see it; close or reopen; a job's responses as a pipeline board
 * (new → contacted → interviewing → hired / closed), a card moved with a select and a button.
 */
@customElement('alumni-console-jobs')
export class ConsoleJobs extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .board {
        margin-top: calc(var(--_space) * 1.5);
        display: grid;
        grid-template-columns: repeat(5, minmax(0, 1fr));
        gap: var(--_space);
        align-items: start;
      }
      .board > section {
        background: var(--_subtle);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
        min-width: 0;
      }
      .board h3 {
        margin: 0 0 var(--_space);
        font-size: 1rem;
      }
      .board ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .board li {
        background: var(--_bg);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
        margin-bottom: var(--_space);
        overflow-wrap: anywhere;
      }
      .board li label {
        font-weight: 400;
        font-size: 0.85rem;
      }
      .board li .inline > * {
        flex: 1 1 6rem;
      }
      @media (max-width: 1100px) {
        .board {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];
  /** The signed-in staff member's capabilities: jobs.manage to write, jobs.pipeline for the board. */
  @property({ attribute: false }) capabilities: string[] = [];
  private locale = new LocaleController(this, jobsMessages);
  @state() private editing?: AdminJob | 'new';
  @state() private board?: AdminJob;
  @state() private description = '';
  @state() private notice?: string;
  @state() private problem?: string;
  private jobs = new Task(this, {
    task: async (_a, { signal }) => consoleApi.get<Page<AdminJob>>('/v1/admin/jobs', { auth: 'session', query: { limit: 100 }, signal }),
    args: () => [],
  });
  private responses = new Task(this, {
    task: async ([job], { signal }) => (job ? consoleApi.get<Page<JobResponse>>(`/v1/admin/jobs/${job.id}/responses`, { auth: 'session', query: { limit: 100 }, signal }) : undefined),
    args: () => [this.board] as const,
  });

  private t(key: JobsKey, vars?: Record<string, string | number>) {
    return this.locale.t(key, vars && Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])));
  }

  private get canManage() {
    return this.capabilities.includes('jobs.manage');
  }

  private edit(job: AdminJob | 'new') {
    this.editing = job;
    this.board = undefined;
    this.description = job === 'new' ? '' : job.descriptionMarkdown;
    this.notice = this.problem = undefined;
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const body = {
      title: s('title'),
      employmentType: s('employmentType'),
      department: s('department'),
      location: s('location'),
      status: s('status'),
      visibility: s('visibility'),
      description: String(f.get('description') ?? ''),
      requirements: String(f.get('requirements') ?? ''),
    };
    this.problem = undefined;
    try {
      const job = this.editing === 'new' || !this.editing
        ? await consoleApi.post<AdminJob>('/v1/admin/jobs', body, { auth: 'session' })
        : await consoleApi.patch<AdminJob>(`/v1/admin/jobs/${this.editing.id}`, body, { auth: 'session' });
      this.notice = this.t('jobs.saved', { title: job.title });
      this.editing = undefined;
      void this.jobs.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private async setStatus(job: AdminJob, status: 'open' | 'closed') {
    this.problem = undefined;
    try {
      await consoleApi.patch(`/v1/admin/jobs/${job.id}`, { status }, { auth: 'session' });
      this.notice = status === 'closed' ? this.t('jobs.closed', { title: job.title }) : this.t('jobs.saved', { title: job.title });
      void this.jobs.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private async move(r: JobResponse, form: HTMLFormElement) {
    const status = String(new FormData(form).get('status') ?? '') as Column;
    if (!status || status === r.status) return;
    this.problem = undefined;
    try {
      await consoleApi.patch(`/v1/admin/job-responses/${r.id}`, { status }, { auth: 'session' });
      this.notice = this.t('board.moved', { name: this.who(r), status: this.t(`col.${status}`) });
      await this.responses.run();
      // Focus stays with the moved card, now in its new column.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-response="${r.id}"] select`)?.focus();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private who(r: JobResponse): string {
    const name = r.member?.profile?.name;
    return typeof name === 'string' && name ? name : (r.referral?.name ?? r.member?.email ?? this.t('card.anonymous'));
  }

  private renderForm(job: AdminJob | undefined) {
    const t = this.t.bind(this);
    return html`<form class="card" @submit=${this.save} aria-labelledby="job-form">
      <h3 id="job-form">${job ? t('jobs.formEdit', { title: job.title }) : t('jobs.formNew')}</h3>
      <label for="job-title">${t('jobs.title')}</label><input id="job-title" name="title" required maxlength="200" .value=${job?.title ?? ''} />
      <div class="inline">
        <div><label for="job-type">${t('jobs.type')}</label>
          <select id="job-type" name="employmentType">${types.map((k) => html`<option value=${k} ?selected=${job?.employmentType === k}>${t(`type.${k}`)}</option>`)}</select></div>
        <div><label for="job-status">${t('jobs.status')}</label>
          <select id="job-status" name="status">${statuses.map((k) => html`<option value=${k} ?selected=${(job?.status ?? 'draft') === k}>${t(`status.${k}`)}</option>`)}</select></div>
        <div><label for="job-visibility">${t('jobs.visibility')}</label>
          <select id="job-visibility" name="visibility">${(['public', 'members'] as const).map((k) => html`<option value=${k} ?selected=${(job?.visibility ?? 'public') === k}>${t(`visibility.${k}`)}</option>`)}</select></div>
      </div>
      <div class="inline">
        <div><label for="job-department">${t('jobs.department')}</label><input id="job-department" name="department" maxlength="100" .value=${job?.department ?? ''} /></div>
        <div><label for="job-location">${t('jobs.location')}</label><input id="job-location" name="location" maxlength="200" .value=${job?.location ?? ''} /></div>
      </div>
      <label for="job-description">${t('jobs.description')}</label>
      <textarea id="job-description" name="description" .value=${this.description} @input=${(e: Event) => (this.description = (e.target as HTMLTextAreaElement).value)}></textarea>
      <h4>${t('jobs.preview')}</h4>
      <alumni-console-markdown-preview endpoint="/v1/admin/jobs/preview" field="markdown" .markdown=${this.description} label=${t('jobs.preview')} empty=${t('jobs.previewEmpty')}></alumni-console-markdown-preview>
      <label for="job-requirements">${t('jobs.requirements')}</label>
      <textarea id="job-requirements" name="requirements" .value=${job?.requirementsMarkdown ?? ''}></textarea>
      <p class="actions"><button type="submit">${t('jobs.save')}</button><button type="button" class="secondary" @click=${() => (this.editing = undefined)}>${t('jobs.cancel')}</button></p>
    </form>`;
  }

  private renderBoard(job: AdminJob) {
    const t = this.t.bind(this);
    return html`<h3>${t('board.heading', { title: job.title })}</h3>
      <p><button type="button" class="secondary" @click=${() => (this.board = undefined)}>${t('board.back')}</button></p>
      ${renderTask(this.responses, this.locale, (page) => {
        if (!page) return nothing;
        const live = page.data.filter((r) => r.status !== 'withdrawn');
        if (!live.length && !page.data.length) return renderEmpty(this.locale, t('board.empty'));
        const withdrawn = page.data.length - live.length;
        return html`<div class="board" role="region" aria-label=${t('board.label')}>
            ${columns.map((col) => {
              const cards = live.filter((r) => r.status === col);
              return html`<section aria-labelledby="col-${col}" data-column=${col}>
                <h3 id="col-${col}">${t(`col.${col}`)} <span class="badge" data-count>${cards.length}</span></h3>
                ${cards.length
                  ? html`<ul>
                      ${cards.map(
                        (r) => html`<li data-response=${r.id}>
                          <strong>${this.who(r)}</strong>
                          <div class="muted">${t(`kind.${r.kind}`)} · ${this.locale.dateTime(r.createdAt)}</div>
                          ${r.note || r.message ? html`<p>${r.note || r.message}</p>` : nothing}
                          <form class="inline" @submit=${(e: SubmitEvent) => {
                            e.preventDefault();
                            void this.move(r, e.target as HTMLFormElement);
                          }}>
                            <div><label for="move-${r.id}">${t('board.moveTo')}</label>
                              <select id="move-${r.id}" name="status">${columns.map((c) => html`<option value=${c} ?selected=${c === r.status}>${t(`col.${c}`)}</option>`)}</select></div>
                            <button type="submit" aria-label="${t('board.move')}: ${this.who(r)}">${t('board.move')}</button>
                          </form>
                        </li>`,
                      )}
                    </ul>`
                  : html`<p class="muted">${t('board.none')}</p>`}
              </section>`;
            })}
          </div>
          ${withdrawn ? html`<p class="muted">${t('board.withdrawn', { count: withdrawn })}</p>` : nothing}`;
      })}`;
  }

  override render() {
    const t = this.t.bind(this);
    const pipeline = this.capabilities.includes('jobs.pipeline');
    return html`<h2>${t('jobs.heading')}</h2>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${this.editing ? this.renderForm(this.editing === 'new' ? undefined : this.editing) : nothing}
      ${this.board ? this.renderBoard(this.board) : nothing}
      ${!this.editing && !this.board
        ? html`${this.canManage ? html`<p><button type="button" @click=${() => this.edit('new')}>${t('jobs.new')}</button></p>` : nothing}
            ${renderTask(this.jobs, this.locale, (page) =>
              page.data.length
                ? html`<ul class="rows" aria-label=${t('jobs.heading')}>
                    ${page.data.map(
                      (j) => html`<li data-job=${j.id}>
                        <div class="grow"><strong>${j.title}</strong> <span class="badge">${t(`status.${j.status}`)}</span>
                          <div class="muted">${t(`type.${j.employmentType}`)}${j.department ? ` · ${j.department}` : ''} · ${t('jobs.responses', { total: j.responses.total, new: j.responses.new })}</div></div>
                        <div class="actions">
                          ${pipeline ? html`<button type="button" class="secondary" aria-label="${t('jobs.pipeline')}: ${j.title}" @click=${() => (this.board = j)}>${t('jobs.pipeline')}</button>` : nothing}
                          ${this.canManage ? html`<button type="button" class="secondary" aria-label="${t('jobs.edit')}: ${j.title}" @click=${() => this.edit(j)}>${t('jobs.edit')}</button>` : nothing}
                          ${this.canManage && j.status === 'open' ? html`<button type="button" class="danger" aria-label="${t('jobs.close')}: ${j.title}" @click=${() => void this.setStatus(j, 'closed')}>${t('jobs.close')}</button>` : nothing}
                          ${this.canManage && j.status === 'closed' ? html`<button type="button" class="secondary" aria-label="${t('jobs.reopen')}: ${j.title}" @click=${() => void this.setStatus(j, 'open')}>${t('jobs.reopen')}</button>` : nothing}
                        </div>
                      </li>`,
                    )}
                  </ul>`
                : renderEmpty(this.locale, t('jobs.empty')),
            )}`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-console-jobs': ConsoleJobs;
  }
}
