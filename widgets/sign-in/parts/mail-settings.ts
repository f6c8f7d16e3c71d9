/**
 * "Mail I get" in the profile view: the mail a member can turn off (event reminders, job alerts and
 * offers, replies to their posts, relay nominations, the feed digest, unread messages), read from and
 * saved to `/v1/me/notifications` as each box changes. Mail about something the member did (sign-in
 * codes, a registration's confirmation) is not here: it always goes. Every such mail also carries its
 * own one-click unsubscribe link; this is the place to turn it back on.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ApiClient } from '../../core/index.js';

/** The topics, in the order shown, with the value that means "send it"; the last value turns it off. */
const topics = [
  ['events.reminders', 'on', 'off'],
  ['jobs.alerts', 'on', 'off'],
  ['jobs.offers', 'on', 'off'],
  ['feed.replies', 'on', 'off'],
  ['feed.relay', 'on', 'off'],
  ['feed.digest', 'weekly', 'never'],
  ['messages.unread', 'on', 'off'],
] as const;

type Topic = (typeof topics)[number][0];
type Preferences = Partial<Record<Topic, string>>;

export const mailSettingsMessages = {
  ja: {
    mail: 'メール通知',
    mailHint: '受け取るメールを選べます。サインインコードやお申し込みの確認など、ご自身の操作に関するメールは常に届きます。',
    'n.events.reminders': 'イベント前日のリマインダー',
    'n.jobs.alerts': '新着求人のお知らせ',
    'n.jobs.offers': '会社からのお誘い（カジュアル面談など）',
    'n.feed.replies': '投稿へのコメントと返信',
    'n.feed.relay': 'リレー自己紹介の指名',
    'n.feed.digest': '新着投稿のまとめ（週 1 回）',
    'n.messages.unread': '未読メッセージのお知らせ',
    mailSaved: 'メール通知の設定を保存しました。',
    mailFailed: '保存できませんでした。もう一度お試しください。',
  },
  en: {
    mail: 'Email notifications',
    mailHint: 'Choose the email you get. Email about what you did yourself (sign-in codes, a registration’s confirmation) always comes.',
    'n.events.reminders': 'Reminders before events',
    'n.jobs.alerts': 'New comeback jobs',
    'n.jobs.offers': 'Invitations from the company (casual meetings)',
    'n.feed.replies': 'Comments and replies to my posts',
    'n.feed.relay': 'Being nominated in a self-introduction relay',
    'n.feed.digest': 'A weekly digest of new posts',
    'n.messages.unread': 'Unread messages',
    mailSaved: 'Your email settings were saved.',
    mailFailed: 'That was not saved. Please try again.',
  },
} as const;

export type MailSettingsKey = keyof typeof mailSettingsMessages.ja;

export interface MailSettingsContext {
  uid: string;
  t(key: MailSettingsKey): string;
  client(): ApiClient;
}

/**
 * Keeps its own state (not the element's busy flag or error): it loads beside the profile editor, and
 * the person may be typing a profile while it does.
 */
export class MailSettings {
  private prefs?: Preferences;
  private status: 'idle' | 'saving' | 'saved' | 'failed' = 'idle';
  private loading?: Promise<void>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ctx: MailSettingsContext,
  ) {}

  /** Reads the member's choices once (the section shows when they are known). */
  load(): void {
    this.loading ??= this.ctx
      .client()
      .get<Preferences>('/v1/me/notifications', { auth: 'session' })
      .then(
        (prefs) => {
          this.prefs = prefs;
          this.host.requestUpdate();
        },
        // Without the settings the section stays away; the next opening of the view asks again.
        () => (this.loading = undefined),
      );
  }

  private async change(topic: Topic, on: string, off: string, checked: boolean): Promise<void> {
    this.status = 'saving';
    this.host.requestUpdate();
    try {
      this.prefs = await this.ctx.client().patch<Preferences>('/v1/me/notifications', { [topic]: checked ? on : off }, { auth: 'session' });
      this.status = 'saved';
    } catch {
      this.status = 'failed';
    }
    this.host.requestUpdate();
  }

  render(): TemplateResult | typeof nothing {
    const prefs = this.prefs;
    if (!prefs) return nothing;
    const { t, uid } = this.ctx;
    return html`<section class="stack mail" part="mail-settings" aria-labelledby="${uid}mail">
      <h3 id="${uid}mail">${t('mail')}</h3>
      <p class="muted">${t('mailHint')}</p>
      <div class="checks">
        ${topics.map(
          ([topic, on, off]) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name="mail.${topic}"
                .checked=${prefs[topic] === on}
                ?disabled=${this.status === 'saving'}
                @change=${(e: Event) => void this.change(topic, on, off, (e.target as HTMLInputElement).checked)}
              />${t(`n.${topic}`)}</label
            >`,
        )}
      </div>
      <p part="notice" role="status">${this.status === 'saved' ? t('mailSaved') : this.status === 'failed' ? t('mailFailed') : nothing}</p>
    </section>`;
  }
}
