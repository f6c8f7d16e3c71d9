/**
 * The profile view of <alumni-sign-in>, loaded the first time a member opens it (its own chunk): the
 * privacy-policy prompt when needed, the profile editor, and the member's data and account (download,
 * delete). It keeps the draft as typed; the element sends what it asks and shows the API's answer.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { translate, type ApiClient, type FocusController, type LocaleController } from '../../core/index.js';
import { renderButton, renderConsent, type FieldsView, type MemberSelf, type Problems } from '../../core/members/index.js';
import type { SignInKey } from '../sign-in.messages.js';
import { MailSettings, mailSettingsMessages } from './mail-settings.js';
import { applyEdit, checkDraft, toDraft, toPatch, type Draft } from './profile-draft.js';
import { renderEditor, type Translate } from './profile-editor.js';
import { profileViewMessages, type ProfileViewKey } from './profile.messages.js';

/** What the view needs from the element. */
export interface ProfileContext {
  fields: FieldsView;
  i18n: LocaleController<SignInKey>;
  focus: FocusController;
  client(): ApiClient;
  member(): MemberSelf | undefined;
  busy(): boolean;
  /** Runs an action with the element's busy flag and error capture; true when it succeeded. */
  call(action: () => Promise<void>): Promise<boolean>;
  /** Shows what the checks found; true when they found anything (then nothing is sent). */
  reject(problems: Problems): boolean;
  useMember(member: MemberSelf): void;
  /** The account is gone: sign out everywhere and say `notice`. */
  deleted(notice: string): void;
}

export class ProfileView {
  draft?: Draft;
  private saved = false;
  private confirmDelete = false;
  private downloadUrl = '';

  private readonly mail: MailSettings;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ctx: ProfileContext,
  ) {
    this.mail = new MailSettings(host, {
      uid: ctx.fields.uid,
      t: (key) => mailSettingsMessages[ctx.i18n.lang][key],
      client: () => ctx.client(),
    });
  }

  /** Its own words first, then the element's (and the shared field labels). */
  readonly t: Translate = (key, vars) => {
    const lang = this.ctx.i18n.lang;
    return key in profileViewMessages[lang] ? translate(lang, key as ProfileViewKey, vars, profileViewMessages) : this.ctx.i18n.t(key as SignInKey, vars);
  };

  /** Edits what the API holds now (after GET or PATCH /v1/me). */
  load(member: MemberSelf): void {
    this.draft = toDraft(member);
    this.mail.load();
  }

  dispose(): void {
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
  }

  private update(): void {
    this.host.requestUpdate();
  }

  /** Applies a PATCH /v1/me and shows the answer (the server is the judge of what was stored). */
  private async patch(body: object, showSaved = true): Promise<void> {
    this.saved = false;
    const ok = await this.ctx.call(async () => this.ctx.useMember(await this.ctx.client().patch<MemberSelf>('/v1/me', body, { auth: 'session' })));
    this.saved = ok && showSaved;
    this.update();
  }

  private save(event: SubmitEvent): void {
    event.preventDefault();
    const d = this.draft!;
    // Named mid-sentence: "Year left must not be before year joined."
    const other = (key: 'f.joinedYear' | 'from') => (this.ctx.i18n.lang === 'en' ? this.t(key).toLowerCase() : this.t(key));
    if (this.ctx.reject(checkDraft(d, other))) return;
    void this.patch(toPatch(d));
  }

  private edit(event: Event): void {
    const el = event.target as HTMLInputElement;
    if (!this.draft || !el.name) return;
    applyEdit(this.draft, el);
    if (this.saved) {
      this.saved = false;
      this.update();
    }
  }

  private addRow(list: 'career' | 'links'): void {
    const d = this.draft!;
    d[list] = [...d[list], list === 'career' ? { department: '', title: '', from: '', to: '' } : { label: '', url: '' }];
    this.ctx.focus.after(`[name="${list}.${d[list].length - 1}.${list === 'career' ? 'department' : 'label'}"]`);
    this.update();
  }

  private removeRow(list: 'career' | 'links', index: number): void {
    const d = this.draft!;
    d[list] = d[list].filter((_, i) => i !== index);
    this.ctx.focus.after(`[data-add=${list}]`);
    this.update();
  }

  private async download(): Promise<void> {
    await this.ctx.call(async () => {
      const response = await this.ctx.client().fetch('GET', '/v1/me/export', { auth: 'session' });
      if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
      // A blob: link with `download` saves the file without navigating or needing anything from the page's CSP.
      this.downloadUrl = URL.createObjectURL(await response.blob());
      this.update();
      await this.host.updateComplete;
      (this.host as unknown as HTMLElement).shadowRoot?.querySelector<HTMLAnchorElement>('[part~="download-link"]')?.click();
    });
  }

  private async deleteAccount(): Promise<void> {
    const ok = await this.ctx.call(async () => {
      await this.ctx.client().delete('/v1/me', { auth: 'session' });
    });
    if (ok) this.ctx.deleted(this.t('deleted'));
  }

  private setConfirm(open: boolean): void {
    this.confirmDelete = open;
    if (!open) this.ctx.focus.after('[part~="delete-button"]');
    this.update();
  }

  /** The view: consent (when needed), the editor, the account actions and the delete confirmation. */
  render(alert: string): TemplateResult {
    const m = this.ctx.member();
    const d = this.draft;
    if (!m || !d) return html``;
    const { t, ctx } = this;
    const button = (label: string, click: () => unknown, part = '', kind = 'secondary') => renderButton(ctx.fields, label, click, part, kind);
    const c = m.consent;
    return html`${c.needed ? renderConsent(ctx.i18n, c, () => this.patch({ acceptPrivacyPolicyVersion: c.requiredVersion }, false), ctx.busy()) : nothing}
      ${renderEditor({
        fields: ctx.fields,
        t,
        draft: d,
        saved: this.saved,
        alert,
        edit: (e) => this.edit(e),
        save: (e) => this.save(e),
        addRow: (list) => this.addRow(list),
        removeRow: (list, i) => this.removeRow(list, i),
      })}
      ${this.mail.render()}
      <section class="stack account" aria-labelledby="${ctx.fields.uid}acc">
        <h3 id="${ctx.fields.uid}acc">${t('account')}</h3>
        <div class="actions">
          ${button(t('download'), () => this.download(), 'download-button')}
          ${button(t('deleteAccount'), () => this.setConfirm(true), 'delete-button', 'secondary danger')}
          ${this.downloadUrl ? html`<a part="download-link" href=${this.downloadUrl} download="homecoming-${m.id}.json">${t('downloadLink')}</a>` : nothing}
        </div>
      </section>
      ${this.confirmDelete
        ? html`<dialog part="dialog" aria-labelledby="${ctx.fields.uid}del" @close=${() => this.setConfirm(false)}>
            <p id="${ctx.fields.uid}del">${t('deleteText')}</p>
            <div class="actions">
              ${button(t('cancel'), () => this.setConfirm(false))} ${button(t('deleteConfirm'), () => this.deleteAccount(), 'confirm-delete-button', 'danger')}
            </div>
          </dialog>`
        : nothing}`;
  }
}
