import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { renderRichText, richTextStyles, type RichText } from '../../widgets/core/rich-text.js';
import { consoleApi } from '../api.js';
import { pageStyles } from '../console.styles.js';
import { css } from 'lit';

/**
 * A live preview of markdown as members will see it: the API turns it into the shared rich-text tree
 * (`endpoint`, e.g. /v1/admin/jobs/preview), the widgets' renderer draws it. Asks again a moment after
 * typing stops; an answer to older text is dropped.
 */
@customElement('alumni-console-markdown-preview')
export class ConsoleMarkdownPreview extends LitElement {
  static override styles = [
    pageStyles,
    richTextStyles,
    css`
      .preview {
        border: 1px dashed var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space) calc(var(--_space) * 1.5);
        min-height: 3rem;
        overflow-wrap: anywhere;
      }
    `,
  ];
  @property() endpoint = '';
  /** The request body's field for the markdown. */
  @property() field = 'markdown';
  @property() markdown = '';
  @property() empty = '';
  @property() label = '';
  @state() private tree?: RichText;
  @state() private problem?: string;
  private timer?: ReturnType<typeof setTimeout>;
  private asked = 0;

  protected override updated(changed: Map<string, unknown>) {
    if (!changed.has('markdown')) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.ask(), 300);
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  private async ask() {
    const id = ++this.asked;
    const text = this.markdown;
    if (!text.trim()) {
      this.tree = undefined;
      this.problem = undefined;
      return;
    }
    try {
      const res = await consoleApi.post<{ body: RichText }>(this.endpoint, { [this.field]: text }, { auth: 'session' });
      if (id !== this.asked) return;
      this.tree = res.body;
      this.problem = undefined;
    } catch (error) {
      if (id === this.asked) this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  override render() {
    return html`<section class="preview" aria-label=${this.label} aria-live="polite" data-preview-markdown>
      ${this.problem ? html`<p class="problem">${this.problem}</p>` : nothing}
      ${this.tree ? renderRichText(this.tree) : html`<p class="muted">${this.empty}</p>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-console-markdown-preview': ConsoleMarkdownPreview;
  }
}
