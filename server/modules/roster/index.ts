import { defineModule } from '../module.js';
import { rosterPersonalData } from './personal-data.js';
import { rosterRoutes } from './routes.admin.js';

/** The company's roster of leavers: sign-ups that match are approved at once. */
export const rosterModule = defineModule({ name: 'roster', routes: rosterRoutes, personalData: rosterPersonalData });
