/**
 * Browser-side helpers for the widget tests: the real API (via the server command), focus and waiting.
 * Reading an element is its harness's job (widgets/<element>/harness.ts).
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { WidgetApi } from './widget-fixtures.js';

/** A fresh API (own database, fixture events) whose tenant allows this page's origin. */
export function createApi(): Promise<WidgetApi> {
  return executeServerCommand<WidgetApi, object>('homecoming-api', { cmd: 'create', origin: location.origin });
}

/** Takes the API down (connections refused) until startApi. */
export function stopApi(api: WidgetApi): Promise<unknown> {
  return executeServerCommand('homecoming-api', { cmd: 'stop', name: api.name });
}

export function startApi(api: WidgetApi): Promise<unknown> {
  return executeServerCommand('homecoming-api', { cmd: 'start', name: api.name });
}

/** Visible text of the element's shadow tree, whitespace collapsed. */
export function textOf(node: Element | ShadowRoot): string {
  return (node instanceof Element && node.shadowRoot ? node.shadowRoot : node).textContent!.replace(/\s+/g, ' ').trim();
}

/** The element that has focus, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Waits until `predicate` holds, failing with `message` after a generous timeout. */
export function until(predicate: () => boolean, message: string): Promise<void> {
  return waitUntil(predicate, message, { timeout: 8000, interval: 20 });
}
