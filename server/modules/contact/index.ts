import { defineModule } from '../module.js';
import { contactPersonalData } from './personal-data.js';
import { contactRoutes } from './routes.public.js';

/** Members writing to each other by mail without seeing each other's address. */
export const contactModule = defineModule({ name: 'contact', routes: contactRoutes, personalData: contactPersonalData });
