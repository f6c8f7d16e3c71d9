import { defineModule } from '../module.js';
import { docsPages } from './docs.js';
import { healthRoute } from './health.js';
import { outboxPersonalData } from './personal-data.js';
import { widgetFiles } from './widgets.js';

/** What every deployment serves besides the domains: health, the API docs, the widget files, the outbox's data. */
export const platformModule = defineModule({
  name: 'platform',
  routes: [healthRoute, widgetFiles(), docsPages],
  personalData: outboxPersonalData,
});
