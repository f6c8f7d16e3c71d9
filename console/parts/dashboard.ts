import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { renderEmpty, renderTask } from '../../widgets/core/states.js';
import { consoleApi } from '../api.js';
import { pageStyles } from '../console.styles.js';
import { dashboardMessages, type DashboardKey } from './dashboard.messages.js';
import { eventsStyles } from './events.styles.js';

export interface DashboardData {
  from: string;
  to: string;
  members: { byStatus: Record<string, number>; byKind: Record<string, number>; activeLast30Days: number; signupsByWeek: { week: string; count: number }[] };
  events: {
    byEvent: { id: string; title: string; startsAt: string; registered: number; attended: number; waitlisted: number }[];
    byMonth: { month: string; events: number; registered: number; attended: number }[];
  };
  jobs: {
    responsesByMonth: { month: string; interest: number; application: number; referral: number }[];
    byStatus: Record<string, number>;
    hiresByMonth: { month: string; hires: number; fromReferral: number }[];
  };
}

interface Series {
  label: DashboardKey;
  values: number[];
  color: string;
}
interface ChartSpec {
  id: string;
  title: DashboardKey;
  labels: string[];
  series: Series[];
  stacked?: boolean;
}

type ChartModule = typeof import('./charts.js');
type ChartInstance = InstanceType<ChartModule['Chart']>;

/** chart.js (its bar charts), loaded when the dashboard first draws (the rest of the console never needs it). */
const loadCharts = (): Promise<ChartModule> => import('./charts.js');

const colors = { a: '#0b5cad', b: '#1e7b34', c: '#9a6b00' };

/**
 * The dashboard: members (approved, waiting, active in the last 30 days), sign-ups per week, event
 * registrations and check-ins, responses to jobs and comeback hires, for a range of days; charts
 * (chart.js on canvas, drawn from script, so the strict CSP holds) each with a text summary for screen
 * readers, the attendance per event as a table, and the same figures as CSV.
 */
@customElement('alumni-console-dashboard')
export class ConsoleDashboard extends LitElement {
  static override styles = [
    pageStyles,
    eventsStyles,
    css`
      .tiles {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
        gap: var(--_space);
        margin-bottom: calc(var(--_space) * 2);
      }
      .tile {
        background: var(--_bg);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: calc(var(--_space) * 1.5);
      }
      .tile .figure {
        display: block;
        font-size: 1.8rem;
        font-weight: 700;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr));
        gap: var(--_space);
      }
      .chart {
        position: relative;
        min-width: 0;
      }
      .chart h3 {
        margin-top: 0;
      }
      .canvas {
        position: relative;
        height: 14rem;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        background: var(--_bg);
      }
      th,
      td {
        text-align: left;
        padding: 6px 8px;
        border-bottom: 1px solid var(--_border);
      }
      td.n,
      th.n {
        text-align: right;
        white-space: nowrap;
      }
      .table {
        overflow-x: auto;
      }
    `,
  ];
  private locale = new LocaleController(this, dashboardMessages);
  @state() private range: { from?: string; to?: string } = {};
  @state() private problem?: string;
  private charts: ChartInstance[] = [];
  private drawnFor?: DashboardData;
  private task = new Task(this, {
    task: async ([range], { signal }) => consoleApi.get<DashboardData>('/v1/admin/dashboard', { auth: 'session', query: { ...range }, signal }),
    args: () => [this.range] as const,
  });

  private t(key: DashboardKey, vars?: Record<string, string | number>) {
    return this.locale.t(key, vars);
  }

  override disconnectedCallback(): void {
    this.destroyCharts();
    super.disconnectedCallback();
  }

  private destroyCharts() {
    for (const c of this.charts) c.destroy();
    this.charts = [];
  }

  private specs(d: DashboardData): ChartSpec[] {
    return [
      { id: 'signups', title: 'dash.signups', labels: d.members.signupsByWeek.map((w) => w.week.slice(5)), series: [{ label: 'dash.signups', values: d.members.signupsByWeek.map((w) => w.count), color: colors.a }] },
      {
        id: 'attendance',
        title: 'dash.attendance',
        labels: d.events.byMonth.map((m) => m.month),
        series: [
          { label: 'dash.registered', values: d.events.byMonth.map((m) => m.registered), color: colors.a },
          { label: 'dash.attended', values: d.events.byMonth.map((m) => m.attended), color: colors.b },
        ],
      },
      {
        id: 'responses',
        title: 'dash.responses',
        stacked: true,
        labels: d.jobs.responsesByMonth.map((m) => m.month),
        series: [
          { label: 'dash.interest', values: d.jobs.responsesByMonth.map((m) => m.interest), color: colors.a },
          { label: 'dash.application', values: d.jobs.responsesByMonth.map((m) => m.application), color: colors.b },
          { label: 'dash.referral', values: d.jobs.responsesByMonth.map((m) => m.referral), color: colors.c },
        ],
      },
      {
        id: 'hires',
        title: 'dash.hiresChart',
        labels: d.jobs.hiresByMonth.map((m) => m.month),
        series: [
          { label: 'dash.hires', values: d.jobs.hiresByMonth.map((m) => m.hires), color: colors.b },
          { label: 'dash.fromReferral', values: d.jobs.hiresByMonth.map((m) => m.fromReferral), color: colors.c },
        ],
      },
    ];
  }

  /** What a chart shows, in words: `10-05: 3; 10-12: 1` per series. */
  private summary(s: ChartSpec): string {
    if (!s.labels.length) return this.t('dash.chartSummary', { title: this.t(s.title), summary: this.t('dash.noData') });
    const parts = s.series.map((x) => `${this.t(x.label)} — ${s.labels.map((l, i) => `${l}: ${x.values[i]}`).join(', ')}`);
    return this.t('dash.chartSummary', { title: this.t(s.title), summary: parts.join('; ') });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const d = this.task.value;
    if (!d || d === this.drawnFor || !this.renderRoot.querySelector('canvas')) return;
    this.drawnFor = d;
    void this.draw(d);
  }

  private async draw(d: DashboardData) {
    const { Chart } = await loadCharts();
    this.destroyCharts();
    for (const s of this.specs(d)) {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`canvas[data-chart="${s.id}"]`);
      if (!canvas) continue;
      this.charts.push(
        new Chart(canvas, {
          type: 'bar',
          data: { labels: s.labels, datasets: s.series.map((x) => ({ label: this.t(x.label), data: x.values, backgroundColor: x.color })) },
          options: {
            maintainAspectRatio: false,
            animation: false,
            scales: { x: { stacked: !!s.stacked }, y: { stacked: !!s.stacked, beginAtZero: true, ticks: { precision: 0 } } },
            plugins: { legend: { display: s.series.length > 1 } },
          },
        }),
      );
    }
  }

  private async download() {
    this.problem = undefined;
    try {
      const res = await consoleApi.fetch('GET', '/v1/admin/dashboard.csv', { auth: 'session', query: { ...this.range } });
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `dashboard-${this.task.value?.from ?? ''}-${this.task.value?.to ?? ''}.csv`;
      this.renderRoot.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  override render() {
    return html`<h2>${this.t('dash.heading')}</h2>
      <form class="inline card" @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const f = new FormData(e.target as HTMLFormElement);
        this.destroyCharts();
        this.range = { from: String(f.get('from') || '') || undefined, to: String(f.get('to') || '') || undefined };
      }}>
        <div><label for="dash-from">${this.t('dash.from')}</label><input id="dash-from" name="from" type="date" .value=${this.range.from ?? this.task.value?.from ?? ''} /></div>
        <div><label for="dash-to">${this.t('dash.to')}</label><input id="dash-to" name="to" type="date" .value=${this.range.to ?? this.task.value?.to ?? ''} /></div>
        <button type="submit">${this.t('dash.show')}</button>
        <button type="button" class="secondary" @click=${() => void this.download()}>${this.t('dash.csv')}</button>
      </form>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${renderTask(this.task, this.locale, (d) => this.renderData(d))}`;
  }

  private renderData(d: DashboardData) {
    const hires = d.jobs.hiresByMonth.reduce((n, m) => n + m.hires, 0);
    const tile = (id: string, label: DashboardKey, value: number, note?: string) =>
      html`<div class="tile" data-figure=${id}><span class="muted">${this.t(label)}</span><span class="figure">${this.locale.number(value)}</span>${note ? html`<span class="muted">${note}</span>` : nothing}</div>`;
    return html`<p class="muted">${this.t('dash.range', { from: d.from, to: d.to })}</p>
      <div class="tiles">
        ${tile('approved', 'dash.approved', d.members.byStatus.approved ?? 0, this.t('dash.alumniEmployee', { alumni: d.members.byKind.alumni ?? 0, employee: d.members.byKind.employee ?? 0 }))}
        ${tile('pending', 'dash.pending', d.members.byStatus.pending ?? 0)}
        ${tile('active', 'dash.active', d.members.activeLast30Days)}
        ${tile('hires', 'dash.hires', hires)}
      </div>
      <div class="charts">
        ${this.specs(d).map(
          (s) => html`<section class="card chart">
            <h3 id="chart-${s.id}">${this.t(s.title)}</h3>
            <div class="canvas"><canvas data-chart=${s.id} role="img" aria-labelledby="chart-${s.id}" aria-describedby="sum-${s.id}"></canvas></div>
            <p class="visually-hidden" id="sum-${s.id}">${this.summary(s)}</p>
          </section>`,
        )}
      </div>
      <h3>${this.t('dash.byEvent')}</h3>
      ${d.events.byEvent.length
        ? html`<div class="table"><table>
            <thead><tr><th scope="col">${this.t('dash.event')}</th><th scope="col">${this.t('dash.date')}</th><th scope="col" class="n">${this.t('dash.registered')}</th><th scope="col" class="n">${this.t('dash.attended')}</th></tr></thead>
            <tbody>
              ${d.events.byEvent.map((e) => html`<tr data-event=${e.id}><th scope="row">${e.title}</th><td>${this.locale.dateTime(e.startsAt, 'Asia/Tokyo')}</td><td class="n" data-registered>${e.registered}</td><td class="n" data-attended>${e.attended}</td></tr>`)}
            </tbody>
          </table></div>`
        : renderEmpty(this.locale, this.t('dash.noEvents'))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-console-dashboard': ConsoleDashboard;
  }
}
