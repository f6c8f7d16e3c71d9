/**
 * The interest, application and referral dialogs of <alumni-job-board>, loaded the first time a member
 * opens one (their own chunk: most visitors only read). They say what goes to the company, send, and
 * show the API's refusals beside the field they name.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { defineMessages, HomecomingError, translate, type ApiClient, type LocaleController } from '../../core/index.js';
import type { JobBoardKey } from '../job-board.messages.js';

export type RespondKind = 'interest' | 'apply' | 'refer';

const messages = defineMessages({
  ja: {
    'h.interest': '「{job}」に興味あり',
    'h.apply': '「{job}」に応募',
    'h.refer': '「{job}」に知人を紹介',
    profileNote: 'あなたのプロフィールのうち、会社に公開している項目が一緒に採用担当者へ届きます。',
    note: 'ひとこと（任意）',
    message: '応募メッセージ',
    resumeUrl: '職務経歴書・プロフィールのURL（任意、https://）',
    name: '紹介する方のお名前',
    email: '紹介する方のメールアドレス',
    relation: 'あなたとの関係（例: 前職の同僚）',
    agreed: 'ご本人が紹介に同意しています',
    referNote: 'メールアドレスは採用担当者だけに届き、あなたにも他の人にも表示されません。',
    send: '送信する',
    cancel: 'キャンセル',
    'done.interest': '「興味あり」を送りました。採用担当者からの連絡をお待ちください。',
    'done.apply': '応募しました。採用担当者からの連絡をお待ちください。',
    'done.refer': 'ご紹介ありがとうございます。状況は「あなたの応募」で確認できます。',
    check: '入力内容を確認してください。',
  },
  en: {
    'h.interest': 'Interested in “{job}”',
    'h.apply': 'Apply for “{job}”',
    'h.refer': 'Refer someone for “{job}”',
    profileNote: 'The fields of your profile you show the company go to its hiring team with this.',
    note: 'A note (optional)',
    message: 'Your message',
    resumeUrl: 'Link to your résumé or profile (optional, https://)',
    name: 'Their name',
    email: 'Their email address',
    relation: 'How you know them (e.g. former colleague)',
    agreed: 'They agreed to be referred',
    referNote: 'Their address goes only to the hiring team; it is not shown to you or anyone else.',
    send: 'Send',
    cancel: 'Cancel',
    'done.interest': 'Sent. The hiring team will be in touch.',
    'done.apply': 'Application sent. The hiring team will be in touch.',
    'done.refer': 'Thank you for the referral. Follow it under “Your responses”.',
    check: 'Please check what you entered.',
  },
});
type Key = keyof typeof messages.ja;

export interface RespondContext {
  i18n: LocaleController<JobBoardKey>;
  uid: string;
  client(): ApiClient;
  /** Something was sent: the job's detail shows it. */
  sent(): void;
  /** The dialog closed: focus goes back to the button that opened it. */
  closed(button: string): void;
}

/** Where each kind is sent, and the body its form makes. */
function request(kind: RespondKind, job: { id: string }, data: FormData): [string, unknown] {
  const s = (name: string) => String(data.get(name) ?? '').trim();
  if (kind === 'interest') return [`/v1/jobs/${encodeURIComponent(job.id)}/interest`, { ...(s('note') ? { note: s('note') } : {}) }];
  if (kind === 'apply') return [`/v1/jobs/${encodeURIComponent(job.id)}/application`, { message: s('message'), ...(s('resumeUrl') ? { resumeUrl: s('resumeUrl') } : {}) }];
  return ['/v1/referrals', { jobId: job.id, name: s('name'), email: s('email'), relation: s('relation'), ...(s('note') ? { note: s('note') } : {}), agreed: data.get('agreed') === 'on' }];
}

export class RespondDialog {
  private kind?: RespondKind;
  private job?: { id: string; title: string };
  private busy = false;
  private done = false;
  private error?: unknown;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ctx: RespondContext,
  ) {}

  private t(key: Key, vars?: Record<string, string>): string {
    return translate(this.ctx.i18n.lang, key, vars, messages);
  }

  /** Opens the dialog of `kind` for the job (its title as the reader sees it). */
  open(kind: RespondKind, job: { id: string; title: string }): void {
    Object.assign(this, { kind, job, busy: false, done: false, error: undefined });
    this.host.requestUpdate();
  }

  close(): void {
    if (!this.kind) return;
    const button = `${this.kind}-button`;
    this.kind = undefined;
    this.host.requestUpdate();
    this.ctx.closed(button);
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.kind || !this.job || this.busy) return;
    const [path, body] = request(this.kind, this.job, new FormData(event.currentTarget as HTMLFormElement));
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      await this.ctx.client().post(path, body, { auth: 'session' });
      this.done = true;
      this.ctx.sent();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** One input with its label and the API's word on it. */
  private input(name: Key, type: string, required: boolean, max: number): TemplateResult {
    const id = `${this.ctx.uid}-r-${name}`;
    const problem = this.error instanceof HomecomingError ? this.error.fieldError(`body.${name}`) : undefined;
    const invalid = problem ? 'true' : 'false';
    const control =
      type === 'textarea'
        ? html`<textarea id=${id} name=${name} rows="4" maxlength=${max} ?required=${required} aria-invalid=${invalid} aria-describedby="${id}-e"></textarea>`
        : html`<input id=${id} name=${name} type=${type} class="field" maxlength=${max} ?required=${required} aria-invalid=${invalid} aria-describedby="${id}-e" />`;
    // The API explains in English; a Japanese reader gets the sentence that says where to look.
    const said = problem ? (this.ctx.i18n.lang === 'en' ? problem : this.t('check')) : '';
    return html`<label for=${id}>${this.t(name)}</label>${control}<span class="error" id="${id}-e">${said}</span>`;
  }

  private fields(kind: RespondKind): TemplateResult {
    if (kind === 'interest') return html`<p class="muted">${this.t('profileNote')}</p>${this.input('note', 'textarea', false, 1000)}`;
    if (kind === 'apply') return html`<p class="muted">${this.t('profileNote')}</p>${this.input('message', 'textarea', true, 4000)}${this.input('resumeUrl', 'url', false, 2000)}`;
    return html`${this.input('name', 'text', true, 100)}${this.input('email', 'email', true, 254)}${this.input('relation', 'text', true, 100)}${this.input('note', 'textarea', false, 1000)}
      <label class="check"><input type="checkbox" name="agreed" required />${this.t('agreed')}</label>
      <p class="muted">${this.t('referNote')}</p>`;
  }

  render(): TemplateResult | typeof nothing {
    const { kind, job } = this;
    if (!kind || !job) return nothing;
    const heading = `${this.ctx.uid}-dlg`;
    const general = this.error && !(this.error instanceof HomecomingError && this.error.fieldErrors.length) ? this.ctx.i18n.describeError(this.error) : '';
    return html`<dialog part="dialog" aria-labelledby=${heading} @close=${() => this.close()}>
      <h2 id=${heading}>${this.t(`h.${kind}`, { job: job.title })}</h2>
      ${this.done
        ? html`<p role="status">${this.t(`done.${kind}`)}</p>
            <div class="actions"><button type="button" class="button" part="button" @click=${() => this.close()}>${this.ctx.i18n.t('close')}</button></div>`
        : html`<form @submit=${(e: SubmitEvent) => void this.submit(e)}>
            ${this.fields(kind)}
            <p class="error" role="alert">${general}</p>
            <div class="actions">
              <button type="button" class="button secondary" part="button" @click=${() => this.close()}>${this.t('cancel')}</button>
              <button class="button" part="button send-button" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>${this.t('send')}</button>
            </div>
          </form>`}
    </dialog>`;
  }
}
