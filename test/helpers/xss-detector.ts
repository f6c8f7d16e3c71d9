/**
 * What the rich-text tests (and the feed's) use to catch script running in a rendering: hooks that
 * record any execution in `window.__xss`, a walk that lists active or unexpected elements and
 * attributes in a rendered tree (into every shadow root), and what a reader does to provoke handlers
 * (hover, focus, click). test/widgets/rich-text.test.ts shows that it catches unsafe renderings.
 */
declare global {
  interface Window {
    __xss: unknown[];
  }
}

const ELEMENTS = new Set(['div', 'p', 'h2', 'h3', 'h4', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'br', 'hr']);
const ACTIVE = ['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'img', 'link', 'meta', 'base', 'form', 'input', 'template'];
const ATTRIBUTES = new Set(['class', 'part', 'href', 'rel', 'target', 'start', 'data-lang']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'cite', 'srcset']);

export function isSafeUrl(value: string): boolean {
  try {
    return /^(https?|mailto):$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Everything active or unexpected in a rendered tree, walking into every shadow root. */
export function activeContent(root: ShadowRoot | Element): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const name = el.localName;
    if (ACTIVE.includes(name)) found.push(`active element <${name}>`);
    else if (!ELEMENTS.has(name)) found.push(`unexpected element <${name}>`);
    for (const { name: attr, value } of el.attributes) {
      if (/^on/i.test(attr)) found.push(`handler ${attr} on <${name}>`);
      else if (!ATTRIBUTES.has(attr)) found.push(`unexpected attribute ${attr} on <${name}>`);
      if (URL_ATTRIBUTES.has(attr) && !isSafeUrl(value)) found.push(`${attr}="${value}" on <${name}>`);
    }
    if (el.shadowRoot) found.push(...activeContent(el.shadowRoot));
  }
  return found;
}

// Clicking must not take the test page anywhere (a popup or a new document leaves the test
// behind), so every link and form is stopped; one that would have gone to a script or data URL
// counts as having run, exactly like a handler that ran.
export function stopNavigation(event: Event): void {
  const target = event.composedPath().find((n) => n instanceof HTMLAnchorElement || n instanceof HTMLFormElement);
  if (!target) return;
  event.preventDefault();
  const url = target instanceof HTMLAnchorElement ? target.href : target.action;
  if (target instanceof HTMLFormElement || (target.hasAttribute('href') && !isSafeUrl(url))) {
    window.__xss.push(`navigation to ${url}`);
  }
}

/** Does to every rendered element what a reader might: hover, focus, click. */
export function provoke(root: ShadowRoot | Element): void {
  // `submit` does not leave a shadow root, so it is stopped where it happens.
  root.addEventListener('submit', stopNavigation, true);
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    for (const type of ['pointerover', 'mouseover', 'mouseenter', 'focus', 'focusin', 'animationstart', 'toggle']) {
      el.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
    }
    el.focus?.();
    el.click?.();
    if (el.shadowRoot) provoke(el.shadowRoot);
  }
}

/** Long enough for image errors and frame loads to have happened (timers only: no animation frames). */
export function settle(): Promise<void> {
  return new Promise((ok) => setTimeout(ok, 400));
}

export function installHooks(): void {
  window.__xss = [];
  for (const name of ['alert', 'confirm', 'prompt'] as const) {
    (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => window.__xss.push([name, ...args]);
  }
}

