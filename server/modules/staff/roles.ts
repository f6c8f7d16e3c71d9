/**
 * What each staff role may do: the one table every admin route is checked against. An admin route
 * declares the capability it needs (`defineRoute({ capability: 'members.approve', … })`); a secret
 * key holds every capability (servers keep working unchanged); a staff session holds its role's.
 */
import type { StaffRole } from './schema.js';

export const capabilities = [
  /** Sign in to the console and see who you are (every role). */
  'console.use',
  'tenant.read',
  /** Allowed origins, membership policy, privacy policy, alumni page, contacts, SSO secret. */
  'tenant.manage',
  'keys.manage',
  'members.read',
  'members.approve',
  'members.suspend',
  'members.export',
  'roster.read',
  'roster.manage',
  'events.read',
  'events.manage',
  /** Check an attendee in at the door; event staff only for the events assigned to them. */
  'events.checkin',
  /** An event's registrations (JSON and CSV); event staff only for the events assigned to them. */
  'events.attendees',
  'jobs.read',
  'jobs.manage',
  /** Responses, offers, candidates, comeback-hire counts. */
  'jobs.pipeline',
  /** The feed's moderation: reports, hide, restore, approve a first post, delete a post or comment. */
  'posts.moderate',
  /** Company posts (write, edit, pin) and relays of self-introductions. */
  'posts.manage',
  /** Reported direct messages: the queue, and deciding a report. */
  'messages.moderate',
  /** Groups: see them and their members. */
  'groups.read',
  /** Create, edit and archive groups; add and remove members; name group admins. */
  'groups.manage',
  'staff.read',
  /** Invite, change and remove admins, moderators and event staff. */
  'staff.manage',
  /** Invite, change and remove owners (and make someone an owner). */
  'staff.owners',
  'audit.read',
  /** The dashboard's figures and their CSV (owners and admins). */
  'analytics.read',
] as const;

export type Capability = (typeof capabilities)[number];

const all = new Set<Capability>(capabilities);
const allBut = (...except: Capability[]) => new Set(capabilities.filter((c) => !except.includes(c)));

export const roleCapabilities: Record<StaffRole, ReadonlySet<Capability>> = {
  owner: all,
  admin: allBut('staff.owners'),
  moderator: new Set(['console.use', 'posts.moderate', 'messages.moderate', 'members.read']),
  event_staff: new Set(['console.use', 'events.checkin', 'events.attendees']),
};

/** Capabilities that reach only the events assigned to an event-staff account (the route's service checks the event). */
export const eventScoped = new Set<Capability>(['events.checkin', 'events.attendees']);

export const roleCan = (role: StaffRole, capability: Capability) => roleCapabilities[role].has(capability);
