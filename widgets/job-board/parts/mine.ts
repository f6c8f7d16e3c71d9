/**
 * "Your responses" in <alumni-job-board>, loaded the first time a member opens the tab (its own chunk):
 * the offers the company sent (accept or decline with one click), the member's interests,
 * applications and referrals with their stage (withdraw any), and job alerts by type.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { defineMessages, PagedListController, renderEmpty, renderTask, translate, type ApiClient, type LocaleController, type Page } from '../../core/index.js';
import type { JobBoardKey } from '../job-board.messages.js';

const messages = defineMessages({
  ja: {
    offers: '会社からのお誘い',
    noOffers: 'お誘いはまだありません。プロフィールの「歓迎すること」を選ぶと、会社から声がかかることがあります。',
    'o.rehire': '再入社',
    'o.side_job': '副業',
    'o.freelance': '業務委託',
    'o.referrals': '知人の紹介',
    accept: '話を聞きたい',
    decline: 'お断りする',
    accepted: '「話を聞きたい」と返事をしました。採用担当者から連絡があります。',
    declined: 'お断りしました。',
    forJob: '求人: {job}',
    responses: '興味あり・応募・紹介',
    noResponses: 'まだありません。求人の「興味あり」から気軽に送れます。',
    'k.interest': '興味あり',
    'k.application': '応募',
    'k.referral': '紹介',
    'st.under_review': '検討中',
    'st.hired': '採用',
    'st.not_hired': '見送り',
    'st.withdrawn': '取り下げ済み',
    referred: '紹介した方: {name}（{relation}）',
    withdraw: '取り下げる',
    confirmWithdraw: '取り下げますか？ 採用担当者に伝わります。',
    keep: 'やめる',
    alerts: '新着求人のお知らせ（メール）',
    alertsOn: 'お知らせを受け取っています。',
    alertsOff: 'お知らせは停止中です。',
    alertsHelp: '選んだ種類の求人が公開されたら、まとめてメールでお知らせします。',
    save: 'この種類で受け取る',
    stop: '停止する',
    saved: '保存しました。',
  },
  en: {
    offers: 'Invitations from the company',
    noOffers: 'No invitations yet. Say what you are open to in your profile, and the company may get in touch.',
    'o.rehire': 'Rehire',
    'o.side_job': 'Side job',
    'o.freelance': 'Freelance',
    'o.referrals': 'Referring people',
    accept: 'I’d like to talk',
    decline: 'Decline',
    accepted: 'You said you would like to talk. The hiring team will be in touch.',
    declined: 'Declined.',
    forJob: 'Job: {job}',
    responses: 'Interest, applications, referrals',
    noResponses: 'None yet. Saying you are interested in a job is one click.',
    'k.interest': 'Interest',
    'k.application': 'Application',
    'k.referral': 'Referral',
    'st.under_review': 'Under review',
    'st.hired': 'Hired',
    'st.not_hired': 'Not hired',
    'st.withdrawn': 'Withdrawn',
    referred: 'Referred: {name} ({relation})',
    withdraw: 'Withdraw',
    confirmWithdraw: 'Withdraw it? The hiring team is told.',
    keep: 'Keep it',
    alerts: 'New job alerts (email)',
    alertsOn: 'You get alerts.',
    alertsOff: 'Alerts are off.',
    alertsHelp: 'When jobs of the types you choose open, you get one email about them.',
    save: 'Get alerts for these',
    stop: 'Stop',
    saved: 'Saved.',
  },
});
type Key = keyof typeof messages.ja;

type JobRef = { id: string | null; title: string; translations?: Record<string, { title?: string } | undefined> };
interface OwnResponse {
  id: string;
  kind: 'interest' | 'application' | 'referral';
  stage: 'under_review' | 'hired' | 'not_hired' | 'withdrawn';
  job: JobRef & { open: boolean };
  referral: { name: string; relation: string } | null;
  createdAt: string;
}
interface Offer {
  id: string;
  kind: 'rehire' | 'side_job' | 'freelance' | 'referrals';
  message: string;
  status: 'sent' | 'accepted' | 'declined';
  job: JobRef | null;
  createdAt: string;
}
type Alerts = { on: boolean; types: string[] };

export interface MineContext {
  i18n: LocaleController<JobBoardKey>;
  uid: string;
  client(): ApiClient;
  openJob(id: string): void;
  /** The employment types, in the board's order (their labels are the board's). */
  types: readonly string[];
}

export class MineView {
  private confirming?: string;
  private acting?: string;
  private error?: unknown;
  private savedNote = false;
  private readonly responses: PagedListController<OwnResponse, readonly [ApiClient]>;
  private readonly offers: Task<readonly [ApiClient], Page<Offer>>;
  private readonly alerts: Task<readonly [ApiClient], Alerts>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly ctx: MineContext,
  ) {
    this.responses = new PagedListController(host, {
      args: () => [ctx.client()] as const,
      load: ([client], cursor, signal) => client.get<Page<OwnResponse>>('/v1/me/job-responses', { query: { cursor }, auth: 'session', signal }),
      focusItem: (r) => host.shadowRoot?.querySelector(`[data-response-id="${r.id}"] h4`),
    });
    this.offers = new Task(host, { args: () => [ctx.client()] as const, task: ([client], { signal }) => client.get<Page<Offer>>('/v1/me/job-offers', { query: { limit: 50 }, auth: 'session', signal }) });
    this.alerts = new Task(host, { args: () => [ctx.client()] as const, task: ([client], { signal }) => client.get<Alerts>('/v1/me/job-alerts', { auth: 'session', signal }) });
  }

  private t(key: Key, vars?: Record<string, string>): string {
    return translate(this.ctx.i18n.lang, key, vars, messages);
  }

  private title(job: JobRef): string {
    return job.translations?.[this.ctx.i18n.lang]?.title || job.title;
  }

  /** Runs one action on a row (busy while it runs), then reloads what it changed. */
  private async act(id: string, action: (client: ApiClient) => Promise<unknown>, reload: () => unknown): Promise<void> {
    this.acting = id;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      await action(this.ctx.client());
      this.confirming = undefined;
      await reload();
    } catch (error) {
      this.error = error;
    } finally {
      this.acting = undefined;
      this.host.requestUpdate();
    }
  }

  private renderOffer(o: Offer): TemplateResult {
    const answer = (verb: 'accept' | 'decline') =>
      html`<button type="button" class="button ${verb === 'decline' ? 'secondary' : ''}" part="button ${verb}-button" ?disabled=${this.acting === o.id}
        @click=${() => void this.act(o.id, (c) => c.post(`/v1/me/job-offers/${encodeURIComponent(o.id)}/${verb}`, undefined, { auth: 'session' }), () => this.offers.run())}>${this.t(verb)}</button>`;
    return html`<li class="card" part="offer" data-offer-id=${o.id}>
      <p class="badges"><span class="badge type" part="badge">${this.t(`o.${o.kind}`)}</span><span class="meta">${this.ctx.i18n.date(o.createdAt)}</span></p>
      <p class="text">${o.message}</p>
      ${o.job?.id ? html`<p class="meta"><button type="button" class="link-button" @click=${() => this.ctx.openJob(o.job!.id!)}>${this.t('forJob', { job: this.title(o.job) })}</button></p>` : nothing}
      ${o.status === 'sent' ? html`<div class="actions">${answer('accept')}${answer('decline')}</div>` : html`<p class="muted" role="status">${this.t(o.status)}</p>`}
    </li>`;
  }

  private renderResponse(r: OwnResponse): TemplateResult {
    const live = r.stage === 'under_review';
    const withdraw = () => this.act(r.id, (c) => c.delete(`/v1/me/job-responses/${encodeURIComponent(r.id)}`, { auth: 'session' }), () => this.responses.task.run());
    return html`<li class="card" part="response" data-response-id=${r.id}>
      <p class="badges"><span class="badge type" part="badge">${this.t(`k.${r.kind}`)}</span>
        <span class="badge ${r.stage === 'not_hired' ? 'closed' : r.stage === 'hired' ? 'sent' : ''}" part="badge stage">${this.t(`st.${r.stage}`)}</span></p>
      <h4 tabindex="-1">${r.job.id && r.job.open ? html`<button type="button" class="link-button" @click=${() => this.ctx.openJob(r.job.id!)}>${this.title(r.job)}</button>` : this.title(r.job)}</h4>
      <p class="meta"><span>${this.ctx.i18n.date(r.createdAt)}</span>${r.referral?.name ? html`<span>${this.t('referred', r.referral)}</span>` : nothing}</p>
      ${!live
        ? nothing
        : this.confirming === r.id
          ? html`<div class="actions" role="group"><span>${this.t('confirmWithdraw')}</span>
              <button type="button" class="button" part="button confirm-withdraw-button" ?disabled=${this.acting === r.id} @click=${() => void withdraw()}>${this.t('withdraw')}</button>
              <button type="button" class="button secondary" part="button" @click=${() => ((this.confirming = undefined), this.host.requestUpdate())}>${this.t('keep')}</button></div>`
          : html`<div class="actions"><button type="button" class="button secondary" part="button withdraw-button" @click=${() => ((this.confirming = r.id), this.host.requestUpdate())}>${this.t('withdraw')}</button></div>`}
    </li>`;
  }

  private renderAlerts(a: Alerts): TemplateResult {
    const i18n = this.ctx.i18n;
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const types = new FormData(e.currentTarget as HTMLFormElement).getAll('types');
      this.savedNote = false;
      void this.act('alerts', (c) => (types.length ? c.put('/v1/me/job-alerts', { types }, { auth: 'session' }) : c.delete('/v1/me/job-alerts', { auth: 'session' })), async () => {
        await this.alerts.run();
        this.savedNote = true;
      });
    };
    return html`<form part="alerts" @submit=${save}>
      <p class="muted">${this.t('alertsHelp')}</p>
      <fieldset class="types"><legend class="visually-hidden">${i18n.t('type')}</legend>
        ${this.ctx.types.map((type) => html`<label class="check"><input type="checkbox" name="types" value=${type} .checked=${a.types.includes(type)} />${i18n.t(`t.${type}` as JobBoardKey)}</label>`)}
      </fieldset>
      <p role="status">${this.savedNote ? `${this.t('saved')} ` : ''}${this.t(a.on ? 'alertsOn' : 'alertsOff')}</p>
      <div class="actions">
        <button class="button" part="button save-alerts-button" ?disabled=${this.acting === 'alerts'}>${this.t('save')}</button>
        ${a.on
          ? html`<button type="button" class="button secondary" part="button stop-alerts-button" @click=${() => void this.act('alerts', (c) => c.delete('/v1/me/job-alerts', { auth: 'session' }), () => this.alerts.run())}>${this.t('stop')}</button>`
          : nothing}
      </div>
    </form>`;
  }

  /** A task's last value while it reloads (after an answer, a withdrawal, a save), so the section does not flash. */
  private keep<T>(task: Task<readonly unknown[], T>, show: (value: T) => unknown): unknown {
    return task.value !== undefined ? show(task.value) : renderTask(task, this.ctx.i18n, show);
  }

  render(): TemplateResult {
    const { i18n, uid } = this.ctx;
    const heading = (id: string, key: Key) => html`<h3 id="${uid}-${id}">${this.t(key)}</h3>`;
    return html`<div class="mine" part="mine">
      <p class="error" role="alert">${this.error ? i18n.describeError(this.error) : ''}</p>
      <section aria-labelledby="${uid}-offers">${heading('offers', 'offers')}
        ${this.keep(this.offers, (page) => (page.data.length ? html`<ul class="list">${page.data.map((o) => this.renderOffer(o))}</ul>` : renderEmpty(i18n, this.t('noOffers'))))}
      </section>
      <section aria-labelledby="${uid}-responses">${heading('responses', 'responses')}
        ${this.keep(this.responses.task, () =>
          this.responses.items.length
            ? html`<ul class="list">${this.responses.items.map((r) => this.renderResponse(r))}</ul>${this.responses.renderMore(i18n)}`
            : renderEmpty(i18n, this.t('noResponses')),
        )}
      </section>
      <section aria-labelledby="${uid}-alerts">${heading('alerts', 'alerts')}${this.keep(this.alerts, (a) => this.renderAlerts(a))}</section>
    </div>`;
  }
}
