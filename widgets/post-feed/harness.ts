/** Test harness for <alumni-post-feed>: what a person does with the feed, a post, the composer and the comments, and what they read. */
import { Harness } from '../core/harness.js';
import type { AlumniPostFeed } from './post-feed.js';

export class PostFeedHarness extends Harness<AlumniPostFeed> {
  /** The post cards shown. */
  cards(): HTMLElement[] {
    return this.$$('[part~="post"]');
  }

  /** Each card's heading (the title, or "post by …" for a post without one). */
  titles(): string[] {
    return this.cards().map((c) => this.text(c.querySelector('h3')!));
  }

  /** The card whose text contains `text`. */
  card(text: string): HTMLElement {
    const found = this.cards().find((c) => this.text(c).includes(text));
    if (!found) throw new Error(`no post showing ${text}`);
    return found;
  }

  hasCard(text: string): boolean {
    return this.cards().some((c) => this.text(c).includes(text));
  }

  async waitForCard(text: string, message = `a post showing ${text}`): Promise<HTMLElement> {
    await this.until(() => this.hasCard(text), message);
    return this.card(text);
  }

  async waitForPosts(count?: number): Promise<void> {
    await this.until(() => (count === undefined ? this.cards().length > 0 : this.cards().length === count), count === undefined ? 'posts' : `${count} posts`);
  }

  /** The feed has loaded (posts, or the empty state). */
  async waitForList(): Promise<void> {
    await this.until(() => this.cards().length > 0 || this.isEmpty() || this.hasError(), 'the feed loaded');
  }

  // Filters
  chips(): string[] {
    return this.$$('[part~="chip"]').map((c) => this.text(c));
  }

  chooseKind(label: string): void {
    const chip = this.$$('[part~="chip"]').find((c) => this.text(c) === label);
    if (!chip) throw new Error(`no kind ${label}`);
    chip.click();
  }

  search(text: string): Promise<void> {
    return this.type(this.$<HTMLInputElement>('[part~="filters"] input[type="search"]'), text);
  }

  clickTag(card: HTMLElement, tag: string): void {
    [...card.querySelectorAll<HTMLElement>('[part~="tag"]')].find((b) => this.text(b) === `#${tag}`)!.click();
  }

  // Reading a card
  bodyOf(card: HTMLElement): HTMLElement {
    return card.querySelector<HTMLElement>('[part~="rich-text"]')!;
  }

  badges(card: HTMLElement): string[] {
    return [...card.querySelectorAll('[part~="badge"]')].map((b) => this.text(b));
  }

  stateNote(card: HTMLElement): string {
    const note = card.querySelector('[part~="state-note"]');
    return note ? this.text(note) : '';
  }

  relayLine(card: HTMLElement): string {
    const line = card.querySelector('[part~="relay"]');
    return line ? this.text(line) : '';
  }

  imageFallbacks(card: HTMLElement): string[] {
    return [...card.querySelectorAll<HTMLElement>('.fallback:not([hidden])')].map((f) => this.text(f));
  }

  // Reactions
  reaction(card: HTMLElement, kind: string): HTMLButtonElement {
    return card.querySelector<HTMLButtonElement>(`button[part~="reaction"][data-kind="${kind}"]`)!;
  }

  hasReactionButtons(card: HTMLElement): boolean {
    return !!card.querySelector('button[part~="reaction"]');
  }

  react(card: HTMLElement, kind: string): void {
    this.reaction(card, kind).click();
  }

  // Actions menu
  menuItems(card: HTMLElement): string[] {
    return [...card.querySelectorAll('[part~="menu"] .menu-items button')].map((b) => b.getAttribute('data-action')!);
  }

  menuAction(card: HTMLElement, action: 'copyLink' | 'edit' | 'delete' | 'report' | 'hide'): void {
    const details = card.querySelector<HTMLDetailsElement>('[part~="menu"]')!;
    details.open = true;
    details.querySelector<HTMLElement>(`button[data-action="${action}"]`)!.click();
  }

  notice(card: HTMLElement): string {
    return this.text(card.querySelector('.notice')!);
  }

  confirmDelete(): void {
    this.$('[part~="confirm-delete"]').click();
  }

  // Comments
  commentsButton(card: HTMLElement): HTMLButtonElement {
    return card.querySelector<HTMLButtonElement>('[part~="comments-button"]')!;
  }

  async openComments(card: HTMLElement): Promise<HTMLElement> {
    this.commentsButton(card).click();
    await this.until(() => !!card.querySelector('[part~="comments"] form'), 'the comments');
    return card.querySelector<HTMLElement>('[part~="comments"]')!;
  }

  comments(card: HTMLElement): HTMLElement[] {
    return [...card.querySelectorAll<HTMLElement>('[part~="comments"] .comment')];
  }

  commentTexts(card: HTMLElement): string[] {
    return this.comments(card).map((c) => this.text(c.querySelector('[part~="rich-text"]') ?? c));
  }

  /** Writes a comment (or, with `replyTo`, a reply to the comment showing that text) and sends it. */
  async comment(card: HTMLElement, text: string, replyTo?: string): Promise<void> {
    let form = card.querySelector<HTMLFormElement>('[part~="comments"] > form')!;
    if (replyTo) {
      const target = this.comments(card).find((c) => this.text(c).includes(replyTo))!;
      target.querySelector<HTMLElement>('button[data-action="reply"]')!.click();
      await this.until(() => !!target.querySelector('form'), 'the reply form');
      form = target.querySelector('form')!;
    }
    await this.type(form.querySelector('textarea')!, text);
    const send = form.querySelector<HTMLButtonElement>('[part~="send-comment"]')!;
    await this.until(() => !send.disabled, 'the send button');
    send.click();
    await this.until(() => this.commentTexts(card).some((c) => c.includes(text)), `the comment ${text}`);
  }

  commentAction(card: HTMLElement, commentText: string, action: 'report' | 'edit' | 'delete'): void {
    const target = this.comments(card).find((c) => this.text(c).includes(commentText))!;
    target.querySelector<HTMLElement>(`button[data-action="${action}"]`)!.click();
  }

  // Report dialog
  isDialogOpen(): boolean {
    return !!this.root.querySelector<HTMLDialogElement>('dialog')?.open;
  }

  async sendReport(reason: string): Promise<void> {
    await this.until(() => this.isDialogOpen(), 'the report dialog');
    await this.type(this.$<HTMLTextAreaElement>('dialog textarea'), reason);
    this.$('[part~="send-report"]').click();
    await this.until(() => !this.isDialogOpen(), 'the report sent');
  }

  // Composer
  hasWriteButton(): boolean {
    return this.has('[part~="write-button"]');
  }

  async openComposer(): Promise<HTMLElement> {
    await this.until(() => this.hasWriteButton(), 'the write button');
    this.$('[part~="write-button"]').click();
    await this.until(() => this.has('[part~="composer"]'), 'the composer');
    return this.$('[part~="composer"]');
  }

  get composer(): HTMLElement {
    return this.$('[part~="composer"]');
  }

  /** Each kind choice: whether its radio sits beside (left of, level with) the kind's name. */
  kindChoicesSideBySide(): boolean[] {
    return [...this.composer.querySelectorAll<HTMLLabelElement>('label.kind')].map((label) => {
      const radio = label.querySelector('input')!.getBoundingClientRect();
      const name = label.querySelector('strong')!.getBoundingClientRect();
      return radio.right <= name.left && radio.top < name.bottom && radio.bottom > name.top;
    });
  }

  chooseComposerKind(kind: string): void {
    this.composer.querySelector<HTMLInputElement>(`input[name="kind"][value="${kind}"]`)!.click();
  }

  async writeTitle(text: string): Promise<void> {
    await this.type(this.composer.querySelector<HTMLInputElement>('input[id$="-title"]')!, text);
  }

  async writeBody(text: string): Promise<void> {
    await this.type(this.composer.querySelector('textarea')!, text);
  }

  async writeTags(text: string): Promise<void> {
    await this.type(this.composer.querySelector<HTMLInputElement>('input[id$="-tags"]')!, text);
  }

  async addImage(url: string, alt: string): Promise<void> {
    [...this.composer.querySelectorAll<HTMLElement>('.link-button')].find((b) => /画像|image/i.test(this.text(b)))!.click();
    await this.until(() => !!this.composer.querySelector('.pair'), 'an image row');
    const [u, a] = [...this.composer.querySelectorAll<HTMLInputElement>('.pair input')];
    await this.type(u!, url);
    await this.type(a!, alt);
  }

  /** The preview tab, once the API's tree is shown. */
  async preview(): Promise<HTMLElement> {
    [...this.composer.querySelectorAll<HTMLElement>('[role="tab"]')][1]!.click();
    await this.until(() => !!this.composer.querySelector('[part~="preview"] [part~="rich-text"]'), 'the preview');
    return this.composer.querySelector<HTMLElement>('[part~="preview"]')!;
  }

  /** Finds a member in the directory picker by `query` and chooses the one named `name`. */
  async pickNominee(query: string, name: string): Promise<void> {
    this.$('[part~="pick-nominee"]').click();
    await this.until(() => this.has('[part~="picker"] input'), 'the picker');
    await this.type(this.$<HTMLInputElement>('[part~="picker"] input'), query);
    await this.until(() => this.$$('[part~="picker"] [data-member]').some((b) => this.text(b).includes(name)), `${name} in the picker`);
    this.$$('[part~="picker"] [data-member]').find((b) => this.text(b).includes(name))!.click();
  }

  submitPost(): void {
    this.$('[part~="submit-post"]').click();
  }

  composerError(): string {
    return this.text(this.composer);
  }

  // Relay baton
  batonNote(): string {
    return this.has('[part~="baton"]') ? this.text(this.$('[part~="baton"]')) : '';
  }

  writeWithBaton(): void {
    this.$('[part~="baton"] button').click();
  }

  // Detail (deep link)
  isDetail(): boolean {
    return this.has('[part~="back-button"]');
  }

  back(): void {
    this.$('[part~="back-button"]').click();
  }

  signedOutNote(): string {
    return this.has('[part~="signed-out-note"]') ? this.text(this.$('[part~="signed-out-note"]')) : '';
  }

  hasLoadMore(): boolean {
    return this.has('[part~="load-more"]');
  }

  loadMore(): void {
    this.$('[part~="load-more"]').click();
  }

  // Groups
  /** The feeds the group picker offers (everyone, then the member's groups). */
  groupChoices(): string[] {
    return [...this.$<HTMLSelectElement>('[part~="group-picker"]').options].map((o) => this.text(o));
  }

  async waitForGroups(): Promise<void> {
    await this.until(() => !!this.element.shadowRoot!.querySelector('[part~="group-picker"]'), 'the group picker');
  }

  /** Chooses a feed in the picker by its label. */
  pickGroup(label: string): void {
    const select = this.$<HTMLSelectElement>('[part~="group-picker"]');
    const option = [...select.options].find((o) => this.text(o) === label);
    if (!option) throw new Error(`no group ${label} in the picker`);
    select.value = option.value;
    select.dispatchEvent(new Event('change'));
  }

  /** The open group's page, if any. */
  groupPage(): HTMLElement | null {
    return this.element.shadowRoot!.querySelector<HTMLElement>('section[part~="group"]');
  }

  toggleBrowse(): void {
    this.$('[part~="browse-button"]').click();
  }

  /** The groups listed to browse, as `name` → the action shown (a button's label or a status). */
  browsed(): Record<string, string> {
    return Object.fromEntries(
      this.$$('[part~="group-browser"] [part~="group"]').map((g) => [this.text(g.querySelector('h3')!), this.text(g.querySelector('[part~="group-action"], [part~="group-status"]')!)]),
    );
  }

  /** Clicks the action button of the browsed group `name`. */
  groupAction(name: string): void {
    const g = this.$$('[part~="group-browser"] [part~="group"]').find((x) => this.text(x.querySelector('h3')!) === name);
    if (!g) throw new Error(`no group ${name} to browse`);
    g.querySelector<HTMLElement>('[part~="group-action"]')!.click();
  }

  showGroupMembers(): void {
    this.$('[part~="members-button"]').click();
  }

  groupMembers(): string[] {
    return this.$$('[part~="group-members"] li').map((li) => this.text(li));
  }

  leaveGroup(): void {
    this.$('[part~="leave-button"]').click();
  }

  /** The requests to join a group admin sees on the group's page (names). */
  groupRequests(): string[] {
    return this.$$('[part~="group-requests"] li span').map((name) => this.text(name));
  }

  /** Approves (or declines) the request of `name`. */
  decideRequest(name: string, approve: boolean): void {
    const li = this.$$('[part~="group-requests"] li').find((x) => this.text(x).includes(name));
    if (!li) throw new Error(`no request from ${name}`);
    li.querySelector<HTMLElement>(approve ? '[part~="approve-button"]' : '[part~="decline-button"]')!.click();
  }

  // A group admin's tools
  /** Confirms hiding the post whose hide form is open, with an optional reason. */
  async confirmHide(card: HTMLElement, reason = ''): Promise<void> {
    if (reason) await this.type(card.querySelector<HTMLInputElement>('[part~="hide-reason"]')!, reason);
    card.querySelector<HTMLElement>('[part~="confirm-hide"]')!.click();
  }

  hasHideForm(card: HTMLElement): boolean {
    return !!card.querySelector('[part~="hide-form"]');
  }

  /** The members a group admin may remove (the buttons on the group's member list). */
  removableMembers(): string[] {
    return this.$$('[part~="group-members"] li')
      .filter((li) => li.querySelector('[part~="remove-member"]'))
      .map((li) => this.text(li.querySelector('span')!));
  }

  removeGroupMember(name: string): void {
    const li = this.$$('[part~="group-members"] li').find((x) => this.text(x).includes(name));
    if (!li) throw new Error(`no member ${name}`);
    li.querySelector<HTMLElement>('[part~="remove-member"]')!.click();
  }

  confirmRemove(): void {
    this.$('[part~="confirm-remove"]').click();
  }

  hasInviteButton(): boolean {
    return this.has('[part~="invite-toggle"]');
  }

  async findToInvite(query: string): Promise<void> {
    this.$('[part~="invite-toggle"]').click();
    await this.until(() => this.has('[part~="invite-search"]'), 'the invite search');
    await this.type(this.$<HTMLInputElement>('[part~="invite-search"]'), query);
  }

  inviteCandidates(): string[] {
    return this.$$('[part~="group-invite"] li').map((li) => this.text(li.querySelector('span')!));
  }

  invite(name: string): void {
    const li = this.$$('[part~="group-invite"] li').find((x) => this.text(x).includes(name));
    if (!li) throw new Error(`no one named ${name} to invite`);
    li.querySelector<HTMLElement>('[part~="invite-button"]')!.click();
  }

  invitedText(name: string): string {
    const li = this.$$('[part~="group-invite"] li').find((x) => this.text(x).includes(name));
    return li ? this.text(li) : '';
  }
}
