/**
 * Registers a custom element unless the tag is already taken (e.g. by the loader, or by a second
 * copy of the code), so registering twice never throws into the host page.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
