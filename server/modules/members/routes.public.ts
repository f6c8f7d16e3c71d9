import { z } from '@hono/zod-openapi';
import { multiLine, singleLine, webUrl } from '../../core/text.js';
import { errorResponses, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { eraseMember, exportMember } from './erasure.js';
import { profileFields, type ProfileField } from './profile.js';
import { features } from '../member-kinds/features.js';
import { memberStatuses, openToFlags, visibilityLevels } from './schema.js';
import { toMemberView, updateOwnMember } from './service.js';

const year = z.number().int().min(1900).max(2100);
// The pattern allows the whitespace trim() removes, so as published in /openapi.json it accepts what the API does.
const yearMonth = z
  .string()
  .trim()
  .regex(/^\s*\d{4}(-\d{2})?\s*$/, 'must be a year or a month like 2019 or 2019-04');
const uniqueList = (item: z.ZodType<string>, max: number) =>
  z
    .array(item)
    .max(max, `may have at most ${max} entries`)
    .transform((list) => [...new Set(list.filter((v) => v !== ''))]);

const CareerEntrySchema = z
  .object({
    department: singleLine(100).min(1, 'is required'),
    title: singleLine(100).optional(),
    from: yearMonth.optional(),
    to: yearMonth.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.from && e.to && e.to < e.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  });

const LinkSchema = z
  .object({
    label: singleLine(50).min(1, 'is required'),
    url: webUrl(/^https?$/, 'must be an http(s) URL'),
  })
  .strict();

/** Every profile field with its ceiling; the same rules for sign-up and later edits. */
export const ProfileInputShape = {
  name: singleLine(100).min(1, 'must not be empty'),
  nameKana: singleLine(100),
  photoUrl: webUrl(/^https$/, 'must be an https URL').nullable(),
  joinedYear: year.nullable(),
  leftYear: year.nullable(),
  lastDepartment: singleLine(100),
  lastTitle: singleLine(100),
  career: z.array(CareerEntrySchema).max(30, 'may have at most 30 entries'),
  currentCompany: singleLine(100),
  currentTitle: singleLine(100),
  location: singleLine(100),
  skills: uniqueList(singleLine(50), 30),
  qualifications: uniqueList(singleLine(100), 30),
  interests: uniqueList(singleLine(50), 30),
  bio: multiLine(2_000),
  links: z.array(LinkSchema).max(10, 'may have at most 10 entries'),
  openTo: z
    .array(z.enum(openToFlags))
    .max(openToFlags.length)
    .transform((list) => [...new Set(list)]),
};

const ProfileSchema = z
  .object({
    name: z.string(),
    nameKana: z.string(),
    photoUrl: z.string().nullable(),
    joinedYear: z.number().int().nullable(),
    leftYear: z.number().int().nullable(),
    lastDepartment: z.string(),
    lastTitle: z.string(),
    career: z.array(z.object({ department: z.string(), title: z.string().optional(), from: z.string().optional(), to: z.string().optional() })),
    currentCompany: z.string(),
    currentTitle: z.string(),
    location: z.string(),
    skills: z.array(z.string()),
    qualifications: z.array(z.string()),
    interests: z.array(z.string()),
    bio: z.string(),
    links: z.array(z.object({ label: z.string(), url: z.string() })),
    openTo: z.array(z.enum(openToFlags)),
  })
  .openapi('OwnProfile');

const VisibilitySchema = z
  .object(Object.fromEntries(profileFields.map((f) => [f, z.enum(visibilityLevels)])) as Record<ProfileField, z.ZodEnum<{ members: 'members'; company: 'company'; nobody: 'nobody' }>>)
  .openapi('FieldVisibility', { description: 'Who sees each field: other approved members, only the company, or nobody. The name is always shown to members.' });

export const MemberSelfSchema = z
  .object({
    id: z.string().openapi({ example: 'mem_7Gh2Jk4Lm6Np8Qr0St2V' }),
    email: z.string().openapi({ example: 'taro.yamada@example.jp' }),
    kind: z.string().openapi({ example: 'alumni', description: 'alumni, employee, or a kind the company added' }),
    status: z.enum(memberStatuses).openapi({ description: 'pending: waiting for the company to approve; rejected/suspended: see statusReason' }),
    statusReason: z.string().nullable(),
    locale: z.enum(['ja', 'en']),
    profile: ProfileSchema,
    visibility: VisibilitySchema,
    unlisted: z.boolean(),
    allowReplies: z.boolean(),
    consent: z.object({
      requiredVersion: z.string().nullable(),
      acceptedVersion: z.string().nullable(),
      needed: z.boolean().openapi({ description: 'true: ask the member to accept the privacy policy at policyUrl' }),
      policyUrl: z.string().nullable(),
    }),
    createdAt: z.string(),
    features: z
      .array(z.enum(features))
      .optional()
      .openapi({ description: 'What the member’s kind may use (directory, events, jobs, feed, messages, groups); the API answers 403 feature-not-available elsewhere. In GET/PATCH /v1/me and sign-in answers.', example: ['directory', 'events', 'feed', 'messages', 'groups'] }),
  })
  .openapi('MemberSelf');

const MePatchSchema = z
  .object({
    ...Object.fromEntries(Object.entries(ProfileInputShape).map(([k, v]) => [k, v.optional()])),
    visibility: z
      .object(Object.fromEntries(profileFields.map((f) => [f, z.enum(visibilityLevels).optional()])))
      .strict()
      .optional(),
    unlisted: z.boolean().optional(),
    allowReplies: z.boolean().optional(),
    locale: z.enum(['ja', 'en']).optional(),
    acceptPrivacyPolicyVersion: singleLine(50).min(1).optional(),
  })
  .strict()
  .openapi('MePatch', {
    example: { currentCompany: '株式会社サンプル', skills: ['営業', 'Python'], visibility: { currentCompany: 'company' }, unlisted: false },
  });

type MePatch = {
  [K in keyof typeof ProfileInputShape]?: z.output<(typeof ProfileInputShape)[K]>;
} & {
  visibility?: Partial<Record<ProfileField, (typeof visibilityLevels)[number]>>;
  unlisted?: boolean;
  allowReplies?: boolean;
  locale?: 'ja' | 'en';
  acceptPrivacyPolicyVersion?: string;
};

const tags = ['Me'];

const auth = ['session'] as const;

export const meRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/me',
      tags,
      summary: 'The signed-in member: status, profile, visibility, consent',
      auth,
      feature: null,
      responses: { 200: json(MemberSelfSchema), ...errorResponses },
    },
    (c, { member, tenant, features }) => c.json(toMemberView(member, tenant, features), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/me',
      tags,
      summary: 'Edit my profile, field visibility, listing, reply permission, language; accept the privacy policy',
      auth,
      feature: null,
      request: { body: jsonBody(MePatchSchema) },
      responses: { 200: json(MemberSelfSchema), ...errorResponses },
    },
    async (c, { member, tenant, features }, ctx) => c.json(toMemberView(await updateOwnMember(ctx, member, c.req.valid('json') as MePatch), tenant, features), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/me',
      tags,
      summary: 'Erase my membership and personal data (profile, sessions, codes, consents, contact messages)',
      auth,
      feature: null,
      responses: { 204: { description: 'Erased; the session no longer works' }, ...errorResponses },
    },
    async (c, { member }, ctx) => {
      await eraseMember(ctx, member);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/export',
      tags,
      summary: 'Download everything Homecoming holds about me, as JSON',
      auth,
      feature: null,
      responses: { 200: json(z.object({}).passthrough().openapi('MemberExport'), 'A JSON attachment'), ...errorResponses },
    },
    async (c, { member }, ctx) => {
      const data = await exportMember(ctx, member);
      c.header('Content-Disposition', `attachment; filename="homecoming-${member.id}.json"`);
      return c.json(data, 200);
    },
  ),
];
