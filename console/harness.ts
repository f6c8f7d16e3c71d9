/**
 * The console's test harness (Playwright): the only place that knows its selectors. Playwright's
 * locators pierce open shadow roots, so a test acts by role and label, as a person would.
 */
import type { Locator, Page } from 'playwright-core';

type Lang = 'ja' | 'en';
const words = {
  ja: { search: '名前・メールで検索', searchButton: '検索', suspend: '利用停止', reason: '利用停止の理由（メンバーに伝わります）', confirmSuspend: '利用停止にする', email: 'メールアドレス', send: 'コードを送る', code: '確認コード（6桁）', signIn: 'サインイン', signOut: 'サインアウト', approve: '承認', name: '名前', role: '役割', invite: '招待する', menu: 'メニュー' },
  en: { search: 'Search by name or email', searchButton: 'Search', suspend: 'Suspend', reason: 'Reason for suspending (told to the member)', confirmSuspend: 'Suspend', email: 'Email address', send: 'Send code', code: 'Code (6 digits)', signIn: 'Sign in', signOut: 'Sign out', approve: 'Approve', name: 'Name', role: 'Role', invite: 'Invite', menu: 'Menu' },
} as const;

export class ConsoleHarness {
  constructor(
    readonly page: Page,
    private readonly lang: Lang = 'ja',
  ) {}

  private get w() {
    return words[this.lang];
  }

  get root(): Locator {
    return this.page.locator('alumni-console');
  }

  /** Email step, then the code step: `code` is asked for once the mail went out. */
  async signIn(email: string, code: () => Promise<string>): Promise<void> {
    const field = this.root.getByLabel(this.w.email);
    await field.fill(email);
    await this.root.getByRole('button', { name: this.w.send }).click();
    await this.root.getByLabel(this.w.code).fill(await code());
    await this.root.getByRole('button', { name: this.w.signIn, exact: true }).click();
    await this.root.getByRole('navigation', { name: this.w.menu }).waitFor();
  }

  async signOut(): Promise<void> {
    await this.root.getByRole('button', { name: this.w.signOut }).click();
    await this.root.getByLabel(this.w.email).waitFor();
  }

  /** Opens a page from the menu by its visible name. */
  async go(name: string): Promise<void> {
    await this.root.getByRole('navigation', { name: this.w.menu }).getByRole('link', { name }).click();
  }

  menuItems(): Promise<string[]> {
    return this.root.getByRole('navigation', { name: this.w.menu }).getByRole('link').allInnerTexts();
  }

  who(): Promise<string> {
    return this.root.locator('[data-who]').innerText();
  }

  async invite(name: string, email: string, role: string): Promise<void> {
    const staff = this.page.locator('alumni-console-staff');
    await staff.getByLabel(this.w.name, { exact: true }).fill(name);
    await staff.getByLabel(this.w.email, { exact: true }).fill(email);
    await staff.getByLabel(this.w.role).selectOption(role);
    await staff.getByRole('button', { name: this.w.invite, exact: true }).click();
    await staff.getByRole('status').filter({ hasText: email }).waitFor();
  }

  staffRow(email: string): Locator {
    return this.page.locator('alumni-console-staff li').filter({ hasText: email });
  }

  pendingRow(name: string): Locator {
    return this.page.locator('alumni-console-approvals li').filter({ hasText: name });
  }

  async approve(name: string): Promise<void> {
    await this.pendingRow(name).getByRole('button', { name: new RegExp(`^${this.w.approve}`) }).click();
    await this.page.locator('alumni-console-approvals').getByRole('status').filter({ hasText: name }).waitFor();
  }

  /** Members: search, open the suspension form of the one row that matches, give the reason, confirm. */
  async suspend(query: string, reason: string): Promise<void> {
    const members = this.page.locator('alumni-console-members');
    await members.getByLabel(this.w.search).fill(query);
    await members.getByRole('button', { name: this.w.searchButton }).click();
    const row = members.locator('li').filter({ hasText: query });
    await row.getByRole('button', { name: this.w.suspend, exact: true }).click();
    await row.getByLabel(this.w.reason).fill(reason);
    await row.getByRole('button', { name: this.w.confirmSuspend }).click();
    await members.getByRole('status').filter({ hasText: query }).waitFor();
  }

  /** The audit log as text rows: actor, then action, then target. */
  async auditRows(): Promise<{ actor: string; action: string }[]> {
    const rows = this.page.locator('alumni-console-audit li[data-audit]');
    await rows.first().waitFor();
    const out = [];
    for (const row of await rows.all()) out.push({ actor: await row.locator('[data-actor]').innerText(), action: await row.locator('[data-action]').innerText() });
    return out;
  }

  // ── console-ops: roster, jobs, feed, settings additions (one block, so parallel pages merge cleanly) ──

  private get ops() {
    return this.lang === 'ja'
      ? { rosterFile: 'CSV ファイル', apply: /行を反映する$/, newJob: '新しい求人', jobTitle: '職種名', jobStatus: '状態', open: '募集中', description: '仕事内容（Markdown）', save: '保存する', responses: '応募を見る', moveTo: '移動先', move: '移動', newPost: '新しい投稿', postTitle: 'タイトル（任意）', postBody: '本文（Markdown）', tags: 'タグ（カンマ区切り、5つまで）', publishAt: '公開日時（空欄ならすぐ公開）', hide: '非表示にする', moderation: 'モデレーション', createSso: '署名鍵を作る', rotateSso: '署名鍵を作り直す', confirmRotate: '作り直す', firstPost: '新しいメンバーの最初の投稿は、承認してから公開する', saveMore: '保存する', approvePost: '承認して公開' }
      : { rosterFile: 'CSV file', apply: /^Apply \d+ rows$/, newJob: 'New job', jobTitle: 'Title', jobStatus: 'Status', open: 'Open', description: 'Description (Markdown)', save: 'Save', responses: 'Responses', moveTo: 'Move to', move: 'Move', newPost: 'New post', postTitle: 'Title (optional)', postBody: 'Text (Markdown)', tags: 'Tags (comma separated, up to 5)', publishAt: 'Publish at (empty: now)', hide: 'Hide', moderation: 'Moderation', createSso: 'Create the signing key', rotateSso: 'Rotate the signing key', confirmRotate: 'Rotate', firstPost: "A new member's first post waits for approval before others see it", saveMore: 'Save', approvePost: 'Approve and publish' };
  }

  /** Roster: chooses a file; resolves when the server's preview is shown. */
  async chooseRoster(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const roster = this.page.locator('alumni-console-roster');
    await roster.getByLabel(this.ops.rosterFile).setInputFiles(file);
    await roster.locator('[data-preview]').waitFor();
  }

  /** The preview's counts: created, updated, unchanged, errors (rows), approvals. */
  async rosterCounts(): Promise<Record<string, number>> {
    const roster = this.page.locator('alumni-console-roster');
    const out: Record<string, number> = {};
    for (const key of ['created', 'updated', 'unchanged', 'errors', 'approvals']) {
      out[key] = Number((await roster.locator(`[data-count="${key}"] dd`).innerText()).replace(/\D/g, ''));
    }
    return out;
  }

  /** The preview's error lines as shown. */
  rosterErrors(): Promise<string[]> {
    return this.page.locator('alumni-console-roster [data-errors] > li').allInnerTexts();
  }

  /** Applies the previewed rows; resolves with the notice once every batch went through. */
  async applyRoster(): Promise<string> {
    const roster = this.page.locator('alumni-console-roster');
    await roster.getByRole('button', { name: this.ops.apply }).click();
    return roster.locator('[data-applied]').innerText();
  }

  rosterListed(name: string): Locator {
    return this.page.locator('alumni-console-roster [data-roster] li').filter({ hasText: name });
  }

  /** Jobs: writes a new open job; `previewed` is text the live preview must show before saving. */
  async createJob(title: string, description: string, previewed: string): Promise<void> {
    const jobs = this.page.locator('alumni-console-jobs');
    await jobs.getByRole('button', { name: this.ops.newJob }).click();
    await jobs.getByLabel(this.ops.jobTitle).fill(title);
    await jobs.getByLabel(this.ops.jobStatus).selectOption({ label: this.ops.open });
    await jobs.getByLabel(this.ops.description).fill(description);
    await jobs.locator('[data-preview-markdown]').getByText(previewed).waitFor();
    await jobs.getByRole('button', { name: this.ops.save }).click();
    await jobs.getByRole('status').filter({ hasText: title }).waitFor();
  }

  async openPipeline(title: string): Promise<void> {
    const jobs = this.page.locator('alumni-console-jobs');
    await jobs.getByRole('button', { name: `${this.ops.responses}: ${title}` }).click();
    await jobs.locator('[data-column]').first().waitFor();
  }

  /** Moves the card of `name` to the column labelled `to` with the keyboard-reachable select and button. */
  async moveCard(name: string, to: string, column: string): Promise<void> {
    const jobs = this.page.locator('alumni-console-jobs');
    const card = jobs.locator('[data-response]').filter({ hasText: name });
    await card.getByLabel(this.ops.moveTo).selectOption({ label: to });
    await card.getByRole('button', { name: `${this.ops.move}: ${name}` }).click();
    await jobs.locator(`[data-column="${column}"] [data-response]`).filter({ hasText: name }).waitFor();
  }

  /** Cards per column of the open board. */
  async boardCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const col of await this.page.locator('alumni-console-jobs [data-column]').all()) {
      out[(await col.getAttribute('data-column'))!] = Number(await col.locator('[data-count]').innerText());
    }
    return out;
  }

  /** Feed: writes a company post scheduled for `publishAt` (datetime-local, e.g. 2026-12-01T09:00); waits for `previewed` in the live preview. */
  async schedulePost(post: { title: string; body: string; tags: string; publishAt: string }, previewed: string): Promise<string> {
    const feed = this.page.locator('alumni-console-feed');
    await feed.getByRole('button', { name: this.ops.newPost }).click();
    await feed.getByLabel(this.ops.postTitle).fill(post.title);
    await feed.getByLabel(this.ops.postBody).fill(post.body);
    await feed.locator('[data-preview-markdown]').getByText(previewed).waitFor();
    await feed.getByLabel(this.ops.tags).fill(post.tags);
    await feed.getByLabel(this.ops.publishAt).fill(post.publishAt);
    await feed.getByRole('button', { name: this.ops.save }).click();
    return feed.locator('.notice[role="status"]').innerText();
  }

  feedPost(list: 'scheduled' | 'published' | 'pending' | 'hidden', text: string): Locator {
    return this.page.locator(`alumni-console-feed [data-list="${list}"] li`).filter({ hasText: text });
  }

  reportRow(excerpt: string): Locator {
    return this.page.locator('alumni-console-feed [data-list="reports"] li').filter({ hasText: excerpt });
  }

  /** Moderation: hides the reported content; resolves when the report left the queue. */
  async hideReported(excerpt: string): Promise<void> {
    const row = this.reportRow(excerpt);
    await row.getByRole('button', { name: new RegExp(`^${this.ops.hide}`) }).click();
    await row.waitFor({ state: 'detached' });
  }

  /** Moderation: approves the first post of `author` waiting for approval; resolves when it left the list. */
  async approveFirstPost(author: string): Promise<void> {
    const row = this.feedPost('pending', author);
    await row.getByRole('button', { name: `${this.ops.approvePost}: ${author}` }).click();
    await row.waitFor({ state: 'detached' });
  }

  /** The staff session token the console holds (to show the API refuses what the menu hides). */
  sessionToken(): Promise<string | undefined> {
    return this.page.evaluate(() => {
      for (const k of Object.keys(localStorage)) {
        try {
          const v = JSON.parse(localStorage.getItem(k) ?? 'null') as { token?: unknown } | null;
          if (typeof v?.token === 'string') return v.token;
        } catch {
          // not ours
        }
      }
      return undefined;
    });
  }

  /** Settings: creates (or, confirming, rotates) the SSO secret; returns the secret shown once. */
  async rotateSso(): Promise<string> {
    const sso = this.page.locator('alumni-console-sso');
    const create = sso.getByRole('button', { name: this.ops.createSso });
    const rotate = sso.getByRole('button', { name: this.ops.rotateSso });
    await create.or(rotate).first().waitFor();
    if (await create.count()) await create.click();
    else {
      await rotate.click();
      await sso.getByRole('button', { name: this.ops.confirmRotate, exact: true }).click();
    }
    const field = sso.locator('[data-sso-secret]');
    await field.waitFor();
    return field.inputValue();
  }

  ssoStatus(): Promise<string> {
    return this.page.locator('alumni-console-sso [data-sso-status]').innerText();
  }

  /** Settings: turns the first-post approval on or off and saves that form. */
  async setFirstPostApproval(on: boolean): Promise<void> {
    const form = this.page.locator('alumni-console-sso [data-more-settings]');
    await form.getByLabel(this.ops.firstPost).setChecked(on);
    await form.getByRole('button', { name: this.ops.saveMore }).click();
    await this.page.locator('alumni-console-sso .notice[role="status"]').waitFor();
  }
  // ── end console-ops ──

  // ── Events, check-in and dashboard (console/parts/events.ts, checkin.ts, dashboard.ts) ──────────────
  private get ev() {
    return this.lang === 'ja'
      ? { new: '新しいイベント', title: 'タイトル', starts: /^開始/, ends: /^終了/, venue: '会場名', capacity: /^定員/, create: '下書きを作成', publish: '公開する', attendees: '参加者', csv: 'CSV をダウンロード', scan: 'QR コードを読み取る', find: '名前・メールで探す', findButton: '探す', checkIn: '受付する', drafts: '下書き', upcoming: '今後' }
      : { new: 'New event', title: 'Title', starts: /^Starts/, ends: /^Ends/, venue: 'Venue', capacity: /^Capacity/, create: 'Create the draft', publish: 'Publish', attendees: 'Attendees', csv: 'Download CSV', scan: 'Scan a QR code', find: 'Find by name or email', findButton: 'Find', checkIn: 'Check in', drafts: 'Drafts', upcoming: 'Upcoming' };
  }

  get events(): Locator {
    return this.page.locator('alumni-console-events');
  }

  eventRow(title: string): Locator {
    return this.events.locator('li[data-event]').filter({ hasText: title });
  }

  /** Creates a draft: times as `YYYY-MM-DDTHH:mm` in the event's zone (the form says which). */
  async createEvent(e: { title: string; startsAt: string; endsAt: string; venue: string; capacity?: number }): Promise<void> {
    await this.events.getByRole('button', { name: this.ev.new }).click();
    await this.events.getByLabel(this.ev.title, { exact: true }).fill(e.title);
    await this.events.getByLabel(this.ev.starts).fill(e.startsAt);
    await this.events.getByLabel(this.ev.ends).fill(e.endsAt);
    await this.events.getByLabel(this.ev.venue, { exact: true }).fill(e.venue);
    if (e.capacity) await this.events.getByLabel(this.ev.capacity).fill(String(e.capacity));
    await this.events.getByRole('button', { name: this.ev.create }).click();
    await this.events.getByRole('status').filter({ hasText: e.title }).waitFor();
  }

  async publishEvent(title: string): Promise<void> {
    await this.eventRow(title).getByRole('button', { name: `${this.ev.publish}: ${title}` }).click();
    await this.events.locator('p[role=status]').filter({ hasText: title }).waitFor();
  }

  /** Opens the event's form, sets its capacity, saves. */
  async editEventCapacity(title: string, capacity: number): Promise<void> {
    await this.eventRow(title).getByRole('button', { name: `${this.lang === 'ja' ? '編集' : 'Edit'}: ${title}` }).click();
    await this.events.getByLabel(this.ev.capacity).fill(String(capacity));
    await this.events.getByRole('button', { name: this.lang === 'ja' ? '保存' : 'Save', exact: true }).click();
    await this.events.locator('p[role=status]').filter({ hasText: title }).waitFor();
  }

  /** Cancel, then the confirmation's "yes". */
  async cancelEvent(title: string): Promise<void> {
    const row = this.eventRow(title);
    await row.getByRole('button', { name: `${this.lang === 'ja' ? '中止する' : 'Cancel event'}: ${title}` }).click();
    await row.getByRole('button', { name: this.lang === 'ja' ? '中止を確定する' : 'Yes, cancel the event' }).click();
    await this.events.locator('p[role=status]').filter({ hasText: title }).waitFor();
  }

  async showEvents(tab: 'upcoming' | 'drafts'): Promise<void> {
    await this.events.getByRole('button', { name: this.ev[tab], exact: true }).click();
  }

  async openAttendees(title: string): Promise<Locator> {
    await this.eventRow(title).getByRole('button', { name: `${this.ev.attendees}: ${title}` }).click();
    const list = this.page.locator('alumni-console-attendees');
    await list.locator('h2').waitFor();
    return list;
  }

  /** Downloads the attendees' CSV; resolves to its text. */
  async downloadAttendeesCsv(): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.locator('alumni-console-attendees').getByRole('button', { name: this.ev.csv }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  get checkIn(): Locator {
    return this.page.locator('alumni-console-checkin');
  }

  async startScan(): Promise<void> {
    await this.checkIn.getByRole('button', { name: this.ev.scan }).click();
  }

  /** The big result box once it says `kind` (ok, already, notRegistered, noSeat, error). */
  async checkInResult(kind: string): Promise<string> {
    const box = this.checkIn.locator(`[data-result="${kind}"]`);
    await box.waitFor();
    return box.innerText();
  }

  async checkInByName(name: string): Promise<void> {
    await this.checkIn.getByLabel(this.ev.find).fill(name);
    await this.checkIn.getByRole('button', { name: this.ev.findButton, exact: true }).click();
    await this.checkIn.getByRole('button', { name: `${this.ev.checkIn}: ${name}` }).click();
  }
  get dashboard(): Locator {
    return this.page.locator('alumni-console-dashboard');
  }

  /** A tile's figure (approved, pending, active, hires). */
  async dashboardFigure(id: string): Promise<number> {
    const text = await this.dashboard.locator(`[data-figure="${id}"] .figure`).innerText();
    return Number(text.replace(/[^\d]/g, ''));
  }

  /** Registered and checked in for one event, from the dashboard's table. */
  async dashboardEvent(title: string): Promise<{ registered: number; attended: number }> {
    const row = this.dashboard.locator('tr[data-event]').filter({ hasText: title });
    return { registered: Number(await row.locator('[data-registered]').innerText()), attended: Number(await row.locator('[data-attended]').innerText()) };
  }

  /** Shows the figures up to `to` (YYYY-MM-DD), e.g. to include an event still ahead. */
  async dashboardUntil(to: string): Promise<void> {
    await this.dashboard.getByLabel(this.lang === 'ja' ? '終了日' : 'To', { exact: true }).fill(to);
    await this.dashboard.getByRole('button', { name: this.lang === 'ja' ? '表示' : 'Show', exact: true }).click();
  }

  /** Waits until every chart of the dashboard is drawn (chart.js loaded, canvases sized). */
  async dashboardDrawn(): Promise<void> {
    await this.page.waitForFunction(() => {
      const root = document.querySelector('alumni-console')?.shadowRoot?.querySelector('alumni-console-dashboard')?.shadowRoot;
      const canvases = [...(root?.querySelectorAll('canvas') ?? [])];
      return canvases.length === 4 && canvases.every((c) => c.width > 0 && c.hasAttribute('style'));
    });
  }
  // ── end of events, check-in and dashboard ──────────────────────────────────────────────────────────

  // ── console-staff: event staff's events (one block, so parallel pages merge cleanly) ──

  private get staffWords() {
    return this.lang === 'ja'
      ? { events: '担当イベント', filter: 'イベントを絞り込む', edit: '担当イベントを変更', save: '保存する' }
      : { events: 'Assigned events', filter: 'Filter events', edit: 'Change events', save: 'Save' };
  }

  /** Ticks events by title in an open events picker (the filter box narrows a long list first). */
  private async chooseEvents(within: Locator, titles: string[]): Promise<void> {
    const picker = within.locator('[data-events-picker]');
    await picker.locator('ul.choices, p.muted').first().waitFor();
    const filter = picker.getByLabel(this.staffWords.filter);
    for (const title of titles) {
      if (await filter.count()) await filter.fill(title);
      await picker.getByRole('checkbox', { name: title }).check();
    }
    if (await filter.count()) await filter.fill('');
  }

  /** Invites an event-staff account with its events chosen by title. */
  async inviteEventStaff(name: string, email: string, titles: string[]): Promise<void> {
    const staff = this.page.locator('alumni-console-staff');
    await staff.getByLabel(this.w.name, { exact: true }).fill(name);
    await staff.getByLabel(this.w.email, { exact: true }).fill(email);
    await staff.getByLabel(this.w.role).selectOption('event_staff');
    await this.chooseEvents(staff.locator('form').last(), titles);
    await staff.getByRole('button', { name: this.w.invite, exact: true }).click();
    await staff.getByRole('status').filter({ hasText: email }).waitFor();
  }

  /** Changes an event-staff account's events: exactly `titles` ticked afterwards. */
  async setStaffEvents(email: string, titles: string[]): Promise<void> {
    const row = this.staffRow(email);
    await row.getByRole('button', { name: new RegExp(`^${this.staffWords.edit}`) }).click();
    const form = row.locator('form');
    // The picker loads the events each time it opens: act once they are there.
    await form.locator('[data-events-picker]').locator('ul.choices, p.muted').first().waitFor();
    for (const box of await form.locator('[data-events-picker] input[type=checkbox]:checked').all()) await box.uncheck();
    await this.chooseEvents(form, titles);
    await form.getByRole('button', { name: this.staffWords.save }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** Opens an event-staff row's events form (for a look); returns it. */
  async openStaffEvents(email: string): Promise<Locator> {
    const row = this.staffRow(email);
    await row.getByRole('button', { name: new RegExp(`^${this.staffWords.edit}`) }).click();
    await row.locator('[data-events-picker] ul.choices').waitFor();
    return row.locator('form');
  }

  /** The events shown on an event-staff row ("" when none). */
  async staffEvents(email: string): Promise<string> {
    return this.staffRow(email).locator('[data-assigned]').innerText();
  }

  // ── end console-staff ──
}
