import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { HomecomingError } from '../../widgets/core/errors.js';
import { renderEmpty, renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi } from '../api.js';
import { pageStyles } from '../console.styles.js';
import { checkInMessages, type CheckInKey } from './checkin.messages.js';
import type { Attendee } from './event-attendees.js';
import { eventsStyles } from './events.styles.js';

interface DoorEvent {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venueName: string | null;
}

type Result =
  | { kind: 'ok' | 'already'; name: string; guests: number; checkedInAt: string | null }
  | { kind: 'notRegistered' | 'noSeat' }
  | { kind: 'error'; message: string };

type Decode = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' }) => { data: string } | null;

/** How often a camera frame is decoded, and how long the same code is ignored after it was sent. */
const FRAME_MS = 150;
const SAME_CODE_MS = 4000;

/**
 * Check-in at the door, made for a phone: pick the event (event staff see only theirs), then scan the
 * member's QR code (it holds the check-in code) with the camera — frames decoded by jsqr, loaded only
 * when the camera starts — or find the person by name and tap "check in". The result is shown large:
 * checked in, already checked in, no registration, or no seat.
 */
@customElement('alumni-console-checkin')
export class ConsoleCheckIn extends LitElement {
  static override styles = [
    pageStyles,
    eventsStyles,
    css`
      .result {
        font-size: 1.5rem;
        font-weight: 700;
        padding: calc(var(--_space) * 2);
        border-radius: var(--_radius);
        border: 3px solid;
        margin: var(--_space) 0 calc(var(--_space) * 2);
        overflow-wrap: anywhere;
      }
      .result .detail {
        display: block;
        font-size: 1.1rem;
        font-weight: 400;
        margin-top: 4px;
      }
      .result.ok {
        background: #e8f3ea;
        border-color: #1e7b34;
        color: #124d21;
      }
      .result.already {
        background: #fff6dd;
        border-color: #9a6b00;
        color: #5c4000;
      }
      .result.bad {
        background: #fdecec;
        border-color: #b3261e;
        color: #7a1a14;
      }
      video {
        display: block;
        width: 100%;
        max-height: 60vh;
        background: #000;
        border-radius: var(--_radius);
      }
      .big {
        font-size: 1.1rem;
        min-height: 48px;
      }
      .camera {
        margin: calc(var(--_space) * 1.5) 0;
      }
    `,
  ];
  private locale = new LocaleController(this, checkInMessages);
  @state() private eventId = '';
  @state() private result?: Result;
  @state() private scanning = false;
  @state() private cameraProblem?: string;
  @state() private query = '';
  @state() private busy = false;
  private stream?: MediaStream;
  private timer?: ReturnType<typeof setInterval>;
  private lastCode?: { code: string; at: number };
  private events = new Task(this, {
    task: async (_a, { signal }) => {
      const list = await consoleApi.get<{ data: DoorEvent[] }>('/v1/admin/check-in/events', { auth: 'session', signal });
      if (!list.data.some((e) => e.id === this.eventId)) this.eventId = list.data[0]?.id ?? '';
      return list.data;
    },
    args: () => [],
  });
  private people = new Task(this, {
    task: async ([eventId, query], { signal }) => {
      if (!eventId || !query) return undefined;
      const found: Attendee[] = [];
      let cursor: string | undefined;
      // The API has no search over registrations: read them (registered first) and match here.
      for (let i = 0; i < 20; i++) {
        const page = await consoleApi.get<Page<Attendee>>(`/v1/admin/events/${eventId}/registrations`, { auth: 'session', query: { limit: 100, cursor }, signal });
        found.push(...page.data);
        cursor = page.nextCursor ?? undefined;
        if (!cursor) break;
      }
      const needle = query.toLowerCase();
      return found.filter((a) => a.status !== 'cancelled' && (a.name.toLowerCase().includes(needle) || a.email.toLowerCase().includes(needle)));
    },
    args: () => [this.eventId, this.query] as const,
  });

  private t(key: CheckInKey, vars?: Record<string, string | number>) {
    return this.locale.t(key, vars);
  }

  override disconnectedCallback(): void {
    this.stopCamera();
    super.disconnectedCallback();
  }

  private async checkIn(body: { code: string } | { registrationId: string }) {
    this.busy = true;
    try {
      const r = await consoleApi.post<Attendee & { alreadyCheckedIn: boolean }>(`/v1/admin/events/${this.eventId}/check-ins`, body, { auth: 'session' });
      this.result = { kind: r.alreadyCheckedIn ? 'already' : 'ok', name: r.name || r.email, guests: r.guests, checkedInAt: r.checkedInAt };
      if ('registrationId' in body) void this.people.run();
    } catch (error) {
      if (error instanceof HomecomingError && error.status === 404) this.result = { kind: 'notRegistered' };
      else if (error instanceof HomecomingError && error.status === 409) this.result = { kind: 'noSeat' };
      else this.result = { kind: 'error', message: this.locale.describeError(error) };
    } finally {
      this.busy = false;
    }
  }

  private async startCamera() {
    this.cameraProblem = undefined;
    try {
      const [{ default: jsQR }, stream] = await Promise.all([
        import('jsqr') as unknown as Promise<{ default: Decode }>,
        navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
      ]);
      this.stream = stream;
      this.scanning = true;
      await this.updateComplete;
      const video = this.renderRoot.querySelector('video')!;
      video.srcObject = stream;
      await video.play();
      const canvas = document.createElement('canvas');
      const g = canvas.getContext('2d', { willReadFrequently: true })!;
      this.timer = setInterval(() => {
        if (!video.videoWidth || this.busy) return;
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        g.drawImage(video, 0, 0);
        const found = jsQR(g.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' });
        const code = found?.data.trim();
        if (!code) return;
        const now = Date.now();
        if (this.lastCode && this.lastCode.code === code && now - this.lastCode.at < SAME_CODE_MS) return;
        this.lastCode = { code, at: now };
        void this.checkIn({ code: code.slice(0, 20) });
      }, FRAME_MS);
    } catch (error) {
      this.stopCamera();
      this.cameraProblem = this.t('checkin.noCamera', { reason: error instanceof Error ? error.name : String(error) });
    }
  }

  private stopCamera() {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = undefined;
    this.scanning = false;
  }

  private renderResult() {
    const r = this.result;
    if (!r) return nothing;
    const [cls, headline, detail] =
      r.kind === 'ok'
        ? ['ok', `✓ ${this.t('checkin.ok')}`, r.name]
        : r.kind === 'already'
          ? ['already', `! ${this.t('checkin.already')}`, `${r.name}${r.checkedInAt ? ` · ${this.t('checkin.alreadyAt', { time: this.locale.dateTime(r.checkedInAt) })}` : ''}`]
          : r.kind === 'notRegistered'
            ? ['bad', `✕ ${this.t('checkin.notRegistered')}`, '']
            : r.kind === 'noSeat'
              ? ['bad', `✕ ${this.t('checkin.noSeat')}`, '']
              : ['bad', `✕ ${(r as { message: string }).message}`, ''];
    const guests = (r.kind === 'ok' || r.kind === 'already') && r.guests ? ` · ${this.t('checkin.guests', { n: r.guests })}` : '';
    return html`<div class="result ${cls}" role="status" aria-live="assertive" data-result=${r.kind}>${headline}${detail || guests ? html`<span class="detail">${detail}${guests}</span>` : nothing}</div>`;
  }

  override render() {
    return html`<h2>${this.t('checkin.heading')}</h2>
      ${renderTask(this.events, this.locale, (list) =>
        list.length ? this.renderDoor(list) : renderEmpty(this.locale, this.t('checkin.noEvents')),
      )}`;
  }

  private renderDoor(list: DoorEvent[]) {
    return html`<label for="ci-event">${this.t('checkin.event')}</label>
      <select id="ci-event" class="big" @change=${(e: Event) => {
        this.eventId = (e.target as HTMLSelectElement).value;
        this.result = undefined;
      }}>
        ${list.map((e) => html`<option value=${e.id} ?selected=${e.id === this.eventId}>${e.title} · ${this.locale.dateTime(e.startsAt, e.timeZone)}</option>`)}
      </select>
      <div aria-live="polite">${this.renderResult()}</div>
      ${this.scanning
        ? html`<p>${this.t('checkin.scanning')}</p>
            <video aria-label=${this.t('checkin.camera')} muted playsinline></video>
            <p class="camera"><button type="button" class="secondary big" @click=${() => this.stopCamera()}>${this.t('checkin.stopScan')}</button></p>`
        : html`<p class="camera"><button type="button" class="big" @click=${() => void this.startCamera()}>${this.t('checkin.scan')}</button></p>`}
      ${this.cameraProblem ? html`<p class="problem" role="alert">${this.cameraProblem}</p>` : nothing}
      <form class="inline" role="search" @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        this.query = String(new FormData(e.target as HTMLFormElement).get('q') ?? '').trim();
      }}>
        <div><label for="ci-q">${this.t('checkin.search')}</label><input id="ci-q" name="q" class="big" autocomplete="off" /></div>
        <button type="submit" class="secondary big">${this.t('checkin.searchButton')}</button>
      </form>
      ${this.query
        ? renderTask(this.people, this.locale, (found) =>
            found?.length
              ? html`<ul class="rows" aria-label=${this.t('checkin.search')}>
                  ${found.map(
                    (a) => html`<li data-attendee=${a.registrationId}>
                      <div class="grow"><strong>${a.name || a.email}</strong><div class="muted">${a.email}${a.guests ? ` · ${this.t('checkin.guests', { n: a.guests })}` : ''}</div></div>
                      ${a.status === 'attended'
                        ? html`<span class="badge">${this.t('checkin.attended')}</span>`
                        : html`<button type="button" class="big" ?disabled=${this.busy || a.status !== 'registered'} aria-label="${this.t('checkin.checkIn')}: ${a.name || a.email}" @click=${() => void this.checkIn({ registrationId: a.registrationId })}>${this.t('checkin.checkIn')}</button>`}
                    </li>`,
                  )}
                </ul>`
              : renderEmpty(this.locale, this.t('checkin.none')),
          )
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-console-checkin': ConsoleCheckIn;
  }
}
