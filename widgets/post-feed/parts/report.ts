/** The report dialog (loaded on first use): a reason, sent to the company's moderation queue. */
import { html, type TemplateResult } from 'lit';
import { describeError } from '../../core/index.js';
import { tr } from './parts.messages.js';
import { partStyles } from './part-styles.js';
import type { FeedHost } from './types.js';

export class ReportDialog {
  private busy = false;
  private error?: unknown;

  constructor(
    private readonly host: FeedHost,
    private readonly target: { postId: string } | { commentId: string },
    private readonly done: (sent: boolean) => void,
  ) {
    host.adopt(partStyles);
    host.focus('dialog textarea');
  }

  private async send(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const reason = new FormData(e.target as HTMLFormElement).get('reason')?.toString() ?? '';
    this.busy = true;
    this.host.update();
    try {
      const path = 'postId' in this.target ? `/v1/posts/${this.target.postId}/reports` : `/v1/comments/${this.target.commentId}/reports`;
      await this.host.client.post(path, { reason }, { auth: 'session' });
      this.done(true);
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.host.update();
  }

  render(): TemplateResult {
    const t = (k: Parameters<typeof tr>[1]) => tr(this.host.lang, k);
    return html`<dialog part="dialog" aria-labelledby="report-title" @cancel=${(e: Event) => (e.preventDefault(), this.done(false))}>
      <form @submit=${(e: SubmitEvent) => void this.send(e)}>
        <h3 id="report-title">${t('reportTitle')}</h3>
        <p class="hint">${t('reportHint')}</p>
        <label>${t('reason')}<textarea name="reason" class="field" rows="3" required maxlength="1000"></textarea></label>
        <p class="error" role="alert">${this.error ? describeError(this.error, this.host.lang) : ''}</p>
        <div class="row">
          <button class="button" part="button send-report" ?disabled=${this.busy}>${t('sendReport')}</button>
          <button type="button" class="button secondary" part="button" @click=${() => this.done(false)}>${t('cancel')}</button>
        </div>
      </form>
    </dialog>`;
  }
}
