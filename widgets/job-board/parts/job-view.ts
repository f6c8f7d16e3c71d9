/** How one job reads: its card in the list and its detail. Templates only; the element owns the state. */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocaleController } from '../../core/index.js';
import { renderRichText, type RichText } from '../../core/rich-text.js';
import type { JobBoardKey } from '../job-board.messages.js';

export const employmentTypes = ['rehire', 'contract', 'side_job', 'freelance', 'project'] as const;
export const remotePolicies = ['onsite', 'hybrid', 'remote'] as const;
export type EmploymentType = (typeof employmentTypes)[number];

type Translation = { title?: string; department?: string; location?: string; description?: RichText; requirements?: RichText };
type Mine = { id: string; stage: string } | null;

/** A job as GET /v1/jobs returns it. */
export interface Job {
  id: string;
  title: string;
  department: string;
  location: string;
  remotePolicy: (typeof remotePolicies)[number];
  employmentType: EmploymentType;
  description: RichText;
  requirements: RichText;
  salary: { min: number | null; max: number | null; currency: string; unit: string | null } | null;
  visibility: 'public' | 'members';
  status: 'open' | 'closed';
  closesAt: string | null;
  applyUrl: string | null;
  translations: { ja?: Translation; en?: Translation };
  viewer?: { interest: Mine; application: Mine };
}

/** What the templates need from the element: its locale and a unique id prefix. */
export interface JobView {
  i18n: LocaleController<JobBoardKey>;
  uid: string;
}

/** A field in the reader's language, falling back to the job's own. */
export function jobText<F extends keyof Translation>(view: JobView, job: Job, field: F): NonNullable<Translation[F]> | Job[F] {
  return job.translations?.[view.i18n.lang]?.[field] || job[field];
}

/** 600万〜900万円／年, ¥6,000,000–¥9,000,000 / year. */
function salary(view: JobView, s: NonNullable<Job['salary']>): string {
  const { i18n } = view;
  const money = (n: number) =>
    new Intl.NumberFormat(i18n.lang === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency: s.currency, notation: i18n.lang === 'ja' && n >= 10_000 ? 'compact' : 'standard', maximumFractionDigits: 0 }).format(n);
  const to = i18n.lang === 'ja' ? '〜' : '–';
  const amount = s.min !== null && s.max !== null ? `${money(s.min)}${to}${money(s.max)}` : s.min !== null ? `${money(s.min)}${to}` : `${to}${money(s.max!)}`;
  return s.unit ? i18n.t('perUnit', { amount, unit: i18n.t(`u.${s.unit}` as JobBoardKey) }) : amount;
}

function badges(view: JobView, job: Job): TemplateResult {
  const t = view.i18n.t.bind(view.i18n);
  return html`<p class="badges">
    <span class="badge type" part="badge">${t(`t.${job.employmentType}`)}</span>
    <span class="badge" part="badge">${t(`r.${job.remotePolicy}`)}</span>
    ${job.visibility === 'members' ? html`<span class="badge" part="badge">${t('membersOnly')}</span>` : nothing}
    ${job.status === 'closed' ? html`<span class="badge closed" part="badge">${t('closed')}</span>` : nothing}
    ${job.viewer?.interest ? html`<span class="badge sent" part="badge">${t('interestSent')}</span>` : nothing}
  </p>`;
}

const where = (view: JobView, job: Job) => [jobText(view, job, 'location'), jobText(view, job, 'department')].filter(Boolean).join(' · ');

/** One card of the list; the title is a button that opens the detail. */
export function renderCard(view: JobView, job: Job, open: (job: Job) => void): TemplateResult {
  const { i18n } = view;
  return html`<li class="card" part="item" data-job-id=${job.id}>
    ${badges(view, job)}
    <h3><button type="button" class="link-button" part="item-title" @click=${() => open(job)}>${jobText(view, job, 'title')}</button></h3>
    <p class="meta">
      ${where(view, job) ? html`<span>${where(view, job)}</span>` : nothing}
      ${job.salary ? html`<span>${salary(view, job.salary)}</span>` : nothing}
      ${job.closesAt ? html`<span>${i18n.t('closes', { date: i18n.date(job.closesAt) })}</span>` : nothing}
    </p>
  </li>`;
}

/** Stand-ins while the first page loads, built like a card so the page below does not jump. */
export function renderCardSkeletons(count: number): TemplateResult {
  const bone = (width: string) => html`<span class="bone ${width}">\u00a0</span>`;
  return html`<ul class="list" part="list" aria-hidden="true">
    ${Array.from({ length: count }, () => html`<li class="card skeleton"><p class="badges">${bone('w5')} ${bone('w5')}</p><h3>${bone('w14')}</h3><p class="meta">${bone('w12')}</p></li>`)}
  </ul>`;
}

/** A rich-text section under its label, unless the text opens with a heading of its own (「## 仕事内容」); nothing when empty. */
function section(label: string, rt: RichText | undefined): TemplateResult | typeof nothing {
  if (!rt?.nodes?.length) return nothing;
  return html`${rt.nodes[0]?.type === 'heading' ? nothing : html`<h3>${label}</h3>`}${renderRichText(rt)}`;
}

/** The detail of one job: badges, title (focused on open), facts, description and requirements. */
export function renderJobDetail(view: JobView, job: Job): TemplateResult {
  const { i18n, uid } = view;
  const t = i18n.t.bind(i18n);
  const fact = (label: JobBoardKey, value: string) => (value ? html`<dt>${t(label)}</dt><dd>${value}</dd>` : nothing);
  return html`
    ${badges(view, job)}
    <h2 id="${uid}-title" tabindex="-1">${jobText(view, job, 'title')}</h2>
    <dl class="facts">
      ${fact('department', jobText(view, job, 'department'))} ${fact('location', jobText(view, job, 'location'))}
      ${fact('salary', job.salary ? salary(view, job.salary) : '')} ${fact('deadline', job.closesAt ? i18n.date(job.closesAt) : '')}
    </dl>
    ${section(t('description'), jobText(view, job, 'description'))} ${section(t('requirements'), jobText(view, job, 'requirements'))}
  `;
}
