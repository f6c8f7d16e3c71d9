/**
 * Registers a custom element unless the tag is already taken, so loading the bundle twice (or the
 * ESM and the IIFE build on one page) never throws into the host page.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
