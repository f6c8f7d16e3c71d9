import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Target = string | (() => Element | null | undefined);

/**
 * Moves focus to something the next render will show (the detail heading after opening a card,
 * the first new item after "load more"). The target is looked up after each update until it exists,
 * because it may appear only once data has loaded.
 */
export class FocusController implements ReactiveController {
  private pending?: () => Element | null | undefined;
  private options?: FocusOptions;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /**
   * Focuses `target` (a selector in the shadow root, or a function finding the node) once it is rendered.
   * `{ preventScroll: true }` when the caller scrolls itself (focus() would centre the node).
   */
  after(target: Target, options?: FocusOptions): void {
    this.pending = typeof target === 'string' ? () => (this.host.shadowRoot ?? this.host).querySelector(target) : target;
    this.options = options;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const node = this.pending?.();
    if (node instanceof HTMLElement) {
      this.pending = undefined;
      node.focus(this.options);
    }
  }
}
