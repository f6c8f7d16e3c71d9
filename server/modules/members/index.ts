import { defineModule } from '../module.js';
import { memberPersonalData } from './personal-data.js';
import { adminMemberRoutes } from './routes.admin.js';
import { meRoutes } from './routes.public.js';

/** Members: their own profile, consent, export and erasure; the company's approval queue and CSV. */
export const membersModule = defineModule({ name: 'members', routes: [...meRoutes, ...adminMemberRoutes], personalData: memberPersonalData });
