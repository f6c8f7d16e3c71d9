/**
 * Every module's personal-data declaration in one list: erasure and export walk it, and the contract
 * test holds it against the database schema. A module adds its tables in its own personal-data.ts
 * and one line here.
 */
import type { PersonalData } from '../core/personal-data.js';
import { authPersonalData } from './auth/personal-data.js';
import { contactPersonalData } from './contact/personal-data.js';
import { directoryPersonalData } from './directory/personal-data.js';
import { jobsPersonalData } from './jobs/personal-data.js';
import { eventPersonalData } from './events/personal-data.js';
import { feedPersonalData } from './feed/personal-data.js';
import { groupsPersonalData } from './groups/personal-data.js';
import { memberPersonalData } from './members/personal-data.js';
import { messagesPersonalData } from './messages/personal-data.js';
import { notificationPersonalData } from './notifications/personal-data.js';
import { outboxPersonalData } from './platform/personal-data.js';
import { rosterPersonalData } from './roster/personal-data.js';
import { staffPersonalData } from './staff/personal-data.js';

export const personalDataRegistry: PersonalData[] = [
  ...authPersonalData,
  ...contactPersonalData,
  ...directoryPersonalData,
  ...rosterPersonalData,
  ...eventPersonalData,
  ...outboxPersonalData,
  ...notificationPersonalData,
  ...jobsPersonalData,
  ...staffPersonalData,
  ...feedPersonalData,
  ...messagesPersonalData,
  ...groupsPersonalData,
  ...memberPersonalData,
];
