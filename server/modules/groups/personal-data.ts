import { and, eq } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { groupMembers, groups } from './schema.js';

/**
 * Groups hold who is in which group. Erasing a member takes them out of every group (their rows go);
 * groups they created stay, without them. What they wrote in groups is in the feed's `posts`
 * (anonymised there). The export lists their groups and roles.
 */
export const groupsPersonalData = [
  personalData({
    table: groupMembers,
    rows: (s) => and(eq(groupMembers.tenantId, s.tenantId), eq(groupMembers.memberId, s.id))!,
    erase: 'delete',
    export: { key: 'groups', view: (m) => ({ groupId: m.groupId, role: m.role, status: m.status, joinedAt: m.joinedAt, showInDirectory: m.showInDirectory }) },
  }),
  personalData({
    table: groups,
    rows: (s) => and(eq(groups.tenantId, s.tenantId), eq(groups.createdByMemberId, s.id))!,
    erase: { anonymise: { createdByMemberId: null } },
    export: { key: 'groupsCreated', view: (g) => ({ id: g.id, name: g.name, createdAt: g.createdAt }) },
  }),
];
