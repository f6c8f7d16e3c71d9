import { defineModule } from '../module.js';
import { alertTopics } from './alerts.js';
import { jobsPersonalData } from './personal-data.js';
import { adminJobRoutes } from './routes.admin.js';
import { adminPipelineRoutes } from './routes.admin.pipeline.js';
import { meJobRoutes } from './routes.me.js';
import { publicJobRoutes } from './routes.public.js';

/**
 * The comeback-job board: jobs (admin), browsing and search, interest, applications and referrals that
 * reach the company's contact, the company's pipeline and hire counts, offers, and opt-in job alerts.
 */
export const jobsModule = defineModule({
  name: 'jobs',
  routes: [...publicJobRoutes, ...meJobRoutes, ...adminJobRoutes, ...adminPipelineRoutes],
  personalData: jobsPersonalData,
  outbox: alertTopics,
});
