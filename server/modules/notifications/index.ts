import { defineModule } from '../module.js';
import { notificationPersonalData } from './personal-data.js';
import { preferenceRoutes, unsubscribePages } from './routes.public.js';

/** Which mail a member gets, and one-click unsubscribe links for every mail they can turn off. */
export const notificationsModule = defineModule({
  name: 'notifications',
  routes: [...preferenceRoutes, unsubscribePages],
  personalData: notificationPersonalData,
});
