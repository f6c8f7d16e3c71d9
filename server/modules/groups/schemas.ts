import { z } from '@hono/zod-openapi';
import { multiLine, singleLine } from '../../core/text.js';
import { groupJoinRules, groupKinds, groupMemberStatuses, groupRoles, groupVisibilities } from './schema.js';

const PersonSchema = z
  .union([
    z.object({ type: z.literal('member'), id: z.string(), name: z.string(), photoUrl: z.string().nullable() }),
    z.object({ type: z.literal('company'), name: z.string() }),
    z.object({ type: z.literal('former') }),
  ])
  .openapi('GroupPerson');

export const GroupSchema = z
  .object({
    id: z.string().openapi({ example: 'grp_4f9KqLm2Xa8bC1dE3fGh' }),
    name: z.string().openapi({ example: '営業部 OB・OG 会' }),
    description: z.string(),
    kind: z.enum(groupKinds),
    joinRule: z.enum(groupJoinRules),
    visibility: z.enum(groupVisibilities),
    memberCount: z.number().int(),
    archived: z.boolean(),
    createdAt: z.string(),
    membership: z
      .object({ status: z.enum(groupMemberStatuses), role: z.enum(groupRoles), showInDirectory: z.boolean() })
      .nullable()
      .openapi({ description: "The caller's place in the group: null when not in it" }),
  })
  .openapi('Group');

export const AdminGroupSchema = GroupSchema.omit({ membership: true })
  .extend({ createdByMemberId: z.string().nullable(), archivedAt: z.string().nullable(), updatedAt: z.string() })
  .openapi('AdminGroup');

export const GroupMemberSchema = z
  .object({
    memberId: z.string(),
    member: PersonSchema,
    role: z.enum(groupRoles),
    status: z.enum(groupMemberStatuses),
    joinedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('GroupMember');

export const GroupInputSchema = z
  .object({
    name: singleLine(100).min(1).openapi({ example: '営業部 OB・OG 会' }),
    description: multiLine(2_000).optional(),
    kind: z.enum(groupKinds),
    joinRule: z.enum(groupJoinRules),
    visibility: z.enum(groupVisibilities),
  })
  .strict()
  .openapi('GroupInput');

export const GroupPatchSchema = GroupInputSchema.partial()
  .extend({ archived: z.boolean().optional().openapi({ description: 'Archived groups leave members’ lists; their posts stay readable to their members' }) })
  .strict()
  .openapi('GroupPatch');

export const MemberRefSchema = z.object({ memberId: singleLine(64).min(1).openapi({ example: 'mem_4f9KqLm2Xa8bC1dE3fGh' }) }).strict().openapi('GroupMemberRef');
export const DecisionSchema = MemberRefSchema.extend({ approve: z.boolean() }).strict().openapi('GroupRequestDecision');
export const HidePostSchema = z
  .object({ postId: singleLine(64).min(1).openapi({ example: 'pst_4f9KqLm2Xa8bC1dE3fGh' }), reason: singleLine(500).optional() })
  .strict()
  .openapi('GroupHidePost');
export const AdminSetMemberSchema = MemberRefSchema.extend({ role: z.enum(groupRoles).default('member').openapi({ description: '`admin` names a group admin; `member` takes the role back' }) })
  .strict()
  .openapi('AdminGroupMemberInput');
export const MembershipResultSchema = z.object({ memberId: z.string(), role: z.enum(groupRoles), status: z.enum(groupMemberStatuses) }).openapi('GroupMembership');
