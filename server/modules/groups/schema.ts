import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { members } from '../members/schema.js';
import { tenants } from '../tenants/schema.js';

/** What a group gathers people around. */
export const groupKinds = ['department', 'era', 'region', 'interest', 'project'] as const;
/** `open`: join at once; `request`: a group admin approves; `invitation`: only members a group admin invited. */
export const groupJoinRules = ['open', 'request', 'invitation'] as const;
/** `members`: listed to every approved member; `hidden`: only its members know it exists. */
export const groupVisibilities = ['members', 'hidden'] as const;
export const groupRoles = ['member', 'admin'] as const;
/** `active`: in the group; `requested`: waiting for a group admin; `invited`: waiting for the member to accept. */
export const groupMemberStatuses = ['active', 'requested', 'invited'] as const;

export type GroupKind = (typeof groupKinds)[number];
export type GroupJoinRule = (typeof groupJoinRules)[number];
export type GroupVisibility = (typeof groupVisibilities)[number];
export type GroupRole = (typeof groupRoles)[number];
export type GroupMemberStatus = (typeof groupMemberStatuses)[number];

/**
 * A group of members: created by the company (`created_by_member_id` null) or, when the tenant lets
 * members create groups, by a member (who becomes its first admin). Archived groups are read-only and
 * leave every list but the company's.
 */
export const groups = sqliteTable(
  'groups',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind', { enum: groupKinds }).notNull(),
    joinRule: text('join_rule', { enum: groupJoinRules }).notNull(),
    visibility: text('visibility', { enum: groupVisibilities }).notNull(),
    createdByMemberId: text('created_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    archivedAt: text('archived_at'),
  },
  (t) => [index('groups_name_idx').on(t.tenantId, t.name, t.id), index('groups_creator_idx').on(t.tenantId, t.createdByMemberId)],
);

/** Who is in a group (or asked, or was invited), as what, and whether the directory shows it. */
export const groupMembers = sqliteTable(
  'group_members',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    role: text('role', { enum: groupRoles }).notNull().default('member'),
    status: text('status', { enum: groupMemberStatuses }).notNull(),
    /** When the member became active (null while requested or invited). */
    joinedAt: text('joined_at'),
    createdAt: text('created_at').notNull(),
    showInDirectory: integer('show_in_directory', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), index('group_members_member_idx').on(t.tenantId, t.memberId, t.status)],
);
