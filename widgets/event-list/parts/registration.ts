/**
 * The registration block of an event's detail, loaded with the first detail opened (its own chunk):
 * seats left, register / join the waitlist (with the organiser's questions and guests when there are
 * any), the registered member's online link, private details, calendar buttons and check-in code
 * (whose QR code is one more chunk), cancelling, and the signed-out state that leads to sign-in.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { HomecomingError } from '../../core/index.js';
import type { EventQuestion, PublicEvent } from './event-view.js';
import { adoptPartStyles, partText, type PartContext, type PartHost } from './part-context.js';
import type { RegistrationKey } from './registration.messages.js';
import { registrationStyles } from './registration.styles.js';
import type { CheckIn } from './check-in.js';

export { CalendarFeed } from './calendar-feed.js';

type Answer = string | string[];

export class RegistrationPanel {
  private busy = false;
  private error?: unknown;
  /** Per input (`guests`, a question id): what is wrong with it. */
  private invalid: Record<string, string> = {};
  /** The event whose form is open, or whose cancellation awaits a yes. */
  private formFor?: string;
  private confirmFor?: string;
  private guests = 0;
  private answers: Record<string, Answer> = {};
  /** Announced to screen readers after an action (a polite live region). */
  private said = '';
  private checkIn?: { eventId: string; view: CheckIn };
  private download?: string;

  constructor(
    private readonly host: PartHost,
    private readonly ctx: PartContext,
  ) {
    adoptPartStyles(host, registrationStyles.styleSheet);
  }

  private t(key: RegistrationKey, vars?: Record<string, string | number>): string {
    return partText(this.ctx, key, vars);
  }

  private update(): void {
    this.host.requestUpdate();
  }

  render(event: PublicEvent): TemplateResult {
    const mine = event.registration;
    return html`<div class="registration" part="registration" aria-busy=${this.busy ? 'true' : 'false'}>
      ${this.seats(event)}
      ${event.status === 'cancelled'
        ? html`<p class="note">${this.t('eventCancelled')}</p>`
        : mine?.status === 'registered'
          ? this.registered(event)
          : mine?.status === 'waitlisted'
            ? this.waitlisted(event)
            : this.notRegistered(event)}
      ${event.status === 'cancelled' || mine?.status === 'registered' || this.formFor === event.id ? nothing : this.calendarButtons(event)}
      ${this.error ? html`<p class="field-error" role="alert">${this.errorText()}</p>` : nothing}
      <p class="visually-hidden" role="status">${this.said}</p>
    </div>`;
  }

  private seats(event: PublicEvent): TemplateResult | typeof nothing {
    if (event.status !== 'published' || event.seatsLeft === null) return nothing;
    const waiting = event.waitlistCount > 0 ? ` · ${this.t('waiting', { count: this.ctx.i18n.number(event.waitlistCount) })}` : '';
    const seats = event.seatsLeft > 0 ? this.t('seatsLeft', { count: this.ctx.i18n.number(event.seatsLeft) }) : this.t('full');
    return html`<p class="seats" part="seats">${seats}${waiting}</p>`;
  }

  private notRegistered(event: PublicEvent): TemplateResult {
    if (!event.registrationOpen) return html`<p class="note">${this.t('closed')}</p>`;
    if (!this.ctx.signedIn()) {
      const href = this.ctx.signInHref();
      return html`<div class="state signed-out" part="state signed-out">
        <p>${this.t('signInToRegister')}</p>
        ${href ? html`<a class="button" part="button sign-in-link" href=${href}>${this.t('signIn')}</a>` : nothing}
      </div>`;
    }
    if (this.formFor === event.id) return this.form(event);
    const full = event.seatsLeft === 0;
    const asks = event.questions.length > 0 || event.maxGuests > 0;
    return html`<div class="row">
      <button type="button" class="button" part="button register-button" ?disabled=${this.busy}
        @click=${() => (asks ? this.openForm(event) : void this.register(event))}>${this.t(full ? 'joinWaitlist' : 'register')}</button>
    </div>`;
  }

  private registered(event: PublicEvent): TemplateResult {
    const mine = event.registration!;
    const status = mine.checkedIn ? this.t('checkedIn') : mine.guests ? this.t('registeredWithGuests', { count: mine.guests }) : this.t('registeredNote');
    return html`<p class="note" part="registration-status">${status}</p>
      ${event.onlineUrl || event.privateDetails
        ? html`<div class="private">
            ${event.onlineUrl
              ? html`<p>${this.t('joinOnline')}: <a part="online-link" href=${event.onlineUrl} target="_blank" rel="noopener noreferrer">${event.onlineUrl}</a></p>`
              : nothing}
            ${event.privateDetails ? html`<p><strong>${this.t('forParticipants')}</strong></p><p class="text">${event.privateDetails}</p>` : nothing}
          </div>`
        : nothing}
      ${this.calendarButtons(event)} ${this.checkInBlock(event)} ${mine.checkedIn ? nothing : this.cancelControls(event, 'cancel')}`;
  }

  private waitlisted(event: PublicEvent): TemplateResult {
    const position = event.registration!.waitlistPosition ?? 1;
    return html`<p class="note" part="registration-status">${this.t('waitlistedNote', { position })}</p>${this.cancelControls(event, 'leave')}`;
  }

  private cancelControls(event: PublicEvent, label: 'cancel' | 'leave'): TemplateResult {
    if (this.confirmFor !== event.id) {
      return html`<div class="row"><button type="button" class="button secondary" part="button cancel-button" ?disabled=${this.busy}
        @click=${() => this.confirm(event.id)}>${this.t(label)}</button></div>`;
    }
    return html`<div class="row" role="group" aria-label=${this.t(label)}>
      <p>${this.t('confirmCancel')}</p>
      <button type="button" class="button danger" part="button confirm-cancel-button" ?disabled=${this.busy} @click=${() => void this.cancel(event)}>${this.t('yesCancel')}</button>
      <button type="button" class="button secondary" part="button" @click=${() => this.confirm(undefined)}>${this.t('keep')}</button>
    </div>`;
  }

  private calendarButtons(event: PublicEvent): TemplateResult {
    return html`<div class="row">
      <button type="button" class="button secondary" part="button calendar-button ics-button" @click=${() => void this.downloadIcs(event)}>${this.t('ics')}</button>
      <a class="button secondary" part="button calendar-button google-calendar-link" href=${event.googleCalendarUrl} target="_blank" rel="noopener noreferrer">${this.t('google')}</a>
    </div>`;
  }

  private checkInBlock(event: PublicEvent): TemplateResult {
    const open = this.checkIn?.eventId === event.id;
    return html`<div class="row"><button type="button" class="button secondary" part="button check-in-button" aria-expanded=${open ? 'true' : 'false'}
      @click=${() => void this.toggleCheckIn(event)}>${this.t(open ? 'hideCode' : 'showCode')}</button></div>
      ${open ? this.checkIn!.view.render((key, vars) => this.t(key, vars)) : nothing}`;
  }

  // --- the form --------------------------------------------------------------------------------

  private openForm(event: PublicEvent): void {
    this.formFor = event.id;
    this.invalid = {};
    this.error = undefined;
    this.update();
    void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>('.reg-form select, .reg-form input, .reg-form textarea')?.focus());
  }

  private label(q: EventQuestion): string {
    return q.translations?.[this.ctx.i18n.lang]?.label || q.label;
  }

  private optionLabel(q: EventQuestion, i: number): string {
    return q.translations?.[this.ctx.i18n.lang]?.options?.[i] || q.options[i]!;
  }

  private form(event: PublicEvent): TemplateResult {
    const guests = Array.from({ length: event.maxGuests + 1 }, (_, n) => n);
    return html`<form class="reg-form" part="registration-form" novalidate @submit=${(e: SubmitEvent) => this.submit(e, event)}>
      <h3>${this.t('formTitle')}</h3>
      ${event.maxGuests > 0
        ? html`<label class="q"><span class="label">${this.t('guests')}</span>
            <select class="field" name="guests" @change=${(e: Event) => (this.guests = Number((e.target as HTMLSelectElement).value))}>
              ${guests.map((n) => html`<option value=${n} ?selected=${n === this.guests}>${this.t('guestsValue', { count: n })}</option>`)}
            </select>${this.fieldError('guests')}</label>`
        : nothing}
      ${event.questions.map((q) => this.question(q))}
      <div class="row">
        <button type="submit" class="button" part="button register-button" ?disabled=${this.busy}>${this.t(event.seatsLeft === 0 ? 'joinWaitlist' : 'register')}</button>
        <button type="button" class="button secondary" part="button" @click=${() => this.closeForm()}>${this.t('keep')}</button>
      </div>
    </form>`;
  }

  private fieldError(name: string): TemplateResult | typeof nothing {
    const message = this.invalid[name];
    return message ? html`<span class="field-error" id="reg-error-${name}">${message}</span>` : nothing;
  }

  private question(q: EventQuestion): TemplateResult {
    const required = q.required ? html`<span class="req">${this.t('required')}</span>` : nothing;
    const invalid = this.invalid[q.id] ? 'true' : 'false';
    const described = this.invalid[q.id] ? `reg-error-${q.id}` : '';
    if (q.kind === 'text') {
      return html`<label class="q" data-question=${q.id}><span class="label">${this.label(q)}${required}</span>
        <textarea class="field" name=${q.id} maxlength="2000" aria-invalid=${invalid} aria-describedby=${described} ?required=${q.required}
          .value=${(this.answers[q.id] as string | undefined) ?? ''} @input=${(e: Event) => (this.answers[q.id] = (e.target as HTMLTextAreaElement).value)}></textarea>
        ${this.fieldError(q.id)}</label>`;
    }
    const many = q.kind === 'multiple';
    const chosen = [this.answers[q.id] ?? []].flat();
    return html`<fieldset class="q" data-question=${q.id} aria-invalid=${invalid} aria-describedby=${described}>
      <legend>${this.label(q)}${required}</legend>
      ${q.options.map(
        (option, i) => html`<label class="choice"><input type=${many ? 'checkbox' : 'radio'} name=${q.id} value=${option} .checked=${chosen.includes(option)}
          @change=${(e: Event) => this.choose(q, option, (e.target as HTMLInputElement).checked)} />${this.optionLabel(q, i)}</label>`,
      )}
      ${this.fieldError(q.id)}
    </fieldset>`;
  }

  private choose(q: EventQuestion, option: string, checked: boolean): void {
    if (q.kind === 'single') this.answers[q.id] = option;
    else {
      const now = new Set([this.answers[q.id] ?? []].flat());
      if (checked) now.add(option);
      else now.delete(option);
      this.answers[q.id] = q.options.filter((o) => now.has(o));
    }
  }

  private closeForm(): void {
    this.formFor = undefined;
    this.invalid = {};
    this.update();
  }

  /** Required questions are checked here, in the reader's language, before anything is sent. */
  private submit(e: SubmitEvent, event: PublicEvent): void {
    e.preventDefault();
    this.invalid = {};
    for (const q of event.questions) {
      const value = this.answers[q.id];
      const empty = value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');
      if (q.required && empty) this.invalid[q.id] = this.t(q.kind === 'text' ? 'requiredError' : 'chooseError', { field: this.label(q) });
    }
    if (Object.keys(this.invalid).length) {
      this.update();
      void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>('[aria-invalid="true"] input, textarea[aria-invalid="true"]')?.focus());
      return;
    }
    void this.register(event);
  }

  // --- talking to the API ----------------------------------------------------------------------

  private async act(action: () => Promise<PublicEvent>, done: (event: PublicEvent) => string): Promise<void> {
    this.busy = true;
    this.error = undefined;
    this.update();
    try {
      const event = await action();
      this.said = done(event);
      this.ctx.updated(event);
    } catch (error) {
      this.error = error;
      this.invalid = this.fieldProblems(error);
    } finally {
      this.busy = false;
      this.update();
    }
  }

  private register(event: PublicEvent): Promise<void> {
    const answers = Object.entries(this.answers)
      .filter(([id, value]) => event.questions.some((q) => q.id === id) && (Array.isArray(value) ? value.length : value.trim()))
      .map(([questionId, value]) => ({ questionId, value }));
    return this.act(
      () => this.ctx.client().put<PublicEvent>(`/v1/events/${encodeURIComponent(event.id)}/registration`, { guests: this.guests, answers }, { auth: 'session' }),
      (updated) => {
        this.formFor = undefined;
        this.answers = {};
        this.guests = 0;
        const reg = updated.registration;
        return reg?.status === 'waitlisted' ? this.t('waitlistedNote', { position: reg.waitlistPosition ?? 1 }) : this.t('registeredNote');
      },
    );
  }

  private confirm(eventId: string | undefined): void {
    this.confirmFor = eventId;
    this.update();
    void this.host.updateComplete.then(() =>
      this.host.shadowRoot?.querySelector<HTMLElement>(eventId ? '[part~="confirm-cancel-button"]' : '[part~="cancel-button"]')?.focus(),
    );
  }

  private cancel(event: PublicEvent): Promise<void> {
    return this.act(
      () => this.ctx.client().delete<PublicEvent>(`/v1/events/${encodeURIComponent(event.id)}/registration`, { auth: 'session' }),
      () => {
        this.confirmFor = undefined;
        this.checkIn = undefined;
        return this.t('cancelledNow');
      },
    );
  }

  /** Fetches the .ics (with the credential: the member's own copy when signed in) and hands it to the browser as a download. */
  private async downloadIcs(event: PublicEvent): Promise<void> {
    try {
      const response = await this.ctx.client().fetch('GET', `/v1/events/${encodeURIComponent(event.id)}.ics`, { headers: { accept: 'text/calendar' } });
      if (this.download) URL.revokeObjectURL(this.download);
      this.download = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = this.download;
      a.download = `${event.id}.ics`;
      this.host.shadowRoot?.append(a);
      a.click();
      a.remove();
    } catch (error) {
      this.error = error;
      this.update();
    }
  }

  private async toggleCheckIn(event: PublicEvent): Promise<void> {
    if (this.checkIn?.eventId === event.id) {
      this.checkIn = undefined;
      this.update();
      return;
    }
    try {
      const [{ CheckIn }, mine] = await Promise.all([
        import('./check-in.js'),
        this.ctx.client().get<{ checkInCode?: string; qr?: { size: number; rows: string[] } }>(`/v1/events/${encodeURIComponent(event.id)}/registration`, { auth: 'session' }),
      ]);
      this.checkIn = { eventId: event.id, view: new CheckIn(mine.checkInCode ?? '', mine.qr) };
    } catch (error) {
      this.error = error;
    }
    this.update();
  }

  private fieldProblems(error: unknown): Record<string, string> {
    if (!(error instanceof HomecomingError)) return {};
    const out: Record<string, string> = {};
    for (const f of error.fieldErrors) {
      const name = f.field.replace(/^body\.(answers\.)?/, '');
      out[name] = this.ctx.i18n.lang === 'en' ? f.message : this.t('checkField', { field: name === 'guests' ? this.t('guests') : name });
    }
    return out;
  }

  private errorText(): string {
    const e = this.error;
    if (e instanceof HomecomingError) {
      if (e.code === 'registration_closed') return this.t('closed');
      if (e.code === 'membership_pending') return this.t('pending');
      if (e.code === 'conflict' && this.ctx.i18n.lang === 'ja') return this.t('notEnoughSeats');
    }
    return this.ctx.i18n.describeError(e);
  }
}
