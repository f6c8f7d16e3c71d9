import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.js';
import { memberKinds, openToFlags, type OpenToFlag } from '../../db/schema.js';
import { AppError } from '../../core/errors.js';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { requireAuth } from '../../http/middleware/auth/index.js';
import { directoryPage, getListedMember, toDirectoryCard } from './service.js';
import type { MemberRow } from '../members/profile.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, security } from '../../http/openapi.js';

/** A profile as other members see it: every field but `name` may be absent (hidden by its owner). */
export const DirectoryProfileSchema = z
  .object({
    name: z.string().openapi({ example: '田中 花子' }),
    nameKana: z.string().optional().openapi({ example: 'たなか はなこ' }),
    photoUrl: z.string().nullable().optional(),
    joinedYear: z.number().int().nullable().optional().openapi({ example: 2012 }),
    leftYear: z.number().int().nullable().optional().openapi({ example: 2020 }),
    lastDepartment: z.string().optional().openapi({ example: '法人営業部' }),
    lastTitle: z.string().optional().openapi({ example: '課長' }),
    career: z.array(z.object({ department: z.string(), title: z.string().optional(), from: z.string().optional(), to: z.string().optional() })).optional(),
    currentCompany: z.string().optional().openapi({ example: '株式会社ミライ' }),
    currentTitle: z.string().optional(),
    location: z.string().optional().openapi({ example: '東京都' }),
    skills: z.array(z.string()).optional().openapi({ example: ['法人営業', 'Salesforce'] }),
    qualifications: z.array(z.string()).optional(),
    interests: z.array(z.string()).optional(),
    bio: z.string().optional(),
    links: z.array(z.object({ label: z.string(), url: z.string() })).optional(),
    openTo: z.array(z.enum(openToFlags)).optional(),
  })
  .openapi('DirectoryProfile', { description: 'Fields the member hid are absent, not null. Email is never included.' });

export const DirectoryCardSchema = z
  .object({
    id: z.string().openapi({ example: 'mem_4f9KqLm2Xa8bC1dE3fGh' }),
    kind: z.enum(memberKinds),
    profile: DirectoryProfileSchema,
    canContact: z.boolean().openapi({ description: 'Whether POST /v1/members/{id}/contact is open to the viewer' }),
  })
  .openapi('DirectoryMember');

const filterText = (name: string, description: string, example: string) =>
  singleLine(100).optional().openapi({ param: { name, in: 'query' }, description, example });
const year = (name: string) =>
  z.coerce.number().int().min(1900).max(2200).optional().openapi({ param: { name, in: 'query' }, example: 2020 });

const listRoute = createRoute({
  method: 'get',
  path: '/v1/members',
  tags: ['Directory'],
  summary: 'Search and filter the member directory',
  description:
    'Approved, listed members of the tenant. `q` searches name, kana, department, current company, titles, skills, ' +
    'interests and bio (Japanese from two characters, English words and prefixes); it is plain text, never query syntax. ' +
    'Filters only ever match fields the member shows to members. With `q`, members whose name or reading matches come first, then the other matches, ' +
    'each group most recently updated first; without `q`, by reading (kana) and name.',
  security: security.session,
  middleware: [requireAuth({ allow: ['session'] })] as const,
  request: {
    query: z.object({
      ...pageQuery,
      q: singleLine(200).optional().openapi({ param: { name: 'q', in: 'query' }, example: '営業' }),
      department: filterText('department', 'Part of the last department', '営業'),
      company: filterText('company', 'Part of the current company', 'ミライ'),
      skill: filterText('skill', 'One skill, matched whole', 'TypeScript'),
      location: filterText('location', 'Part of the location', '東京'),
      leftYearFrom: year('leftYearFrom'),
      leftYearTo: year('leftYearTo'),
      openTo: singleLine(200)
        .optional()
        .openapi({ param: { name: 'openTo', in: 'query' }, description: `Comma-separated, any of: ${openToFlags.join(', ')}`, example: 'rehire,side_job' }),
      kind: z.enum(memberKinds).optional().openapi({ param: { name: 'kind', in: 'query' } }),
    }),
  },
  responses: { 200: json(pageSchema(DirectoryCardSchema, 'DirectoryPage')), ...errorResponses },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/members/{id}',
  tags: ['Directory'],
  summary: 'One member of the directory',
  security: security.session,
  middleware: [requireAuth({ allow: ['session'] })] as const,
  request: { params: z.object({ id: idParam('id', 'mem_4f9KqLm2Xa8bC1dE3fGh') }) },
  responses: { 200: json(DirectoryCardSchema), ...errorResponses },
});

/**
 * The signed-in member, if approved. The directory holds other people's data, so pending (and
 * rejected) members are told why they cannot see it yet rather than shown an empty list.
 */
export function approvedViewer(c: Context<AppEnv>): MemberRow {
  const principal = c.var.principal;
  if (principal?.kind !== 'session') throw new AppError('unauthenticated', 'This endpoint needs a member session.');
  const member = principal.member;
  if (member.status === 'pending') {
    throw new AppError(
      'membership_pending',
      'Your membership is waiting for approval by the company. You can use the directory once it is approved.',
    );
  }
  if (member.status !== 'approved') {
    throw new AppError('forbidden', 'Only approved members can use the member directory.');
  }
  return member;
}

function parseOpenTo(value: string | undefined): OpenToFlag[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const flags = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = flags.filter((f) => !(openToFlags as readonly string[]).includes(f));
  if (bad.length) {
    throw AppError.invalid([{ field: 'query.openTo', message: `must be a comma-separated list of ${openToFlags.join(', ')}` }]);
  }
  return flags as OpenToFlag[];
}

export function registerMembers(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const viewer = approvedViewer(c);
    const { openTo, ...query } = c.req.valid('query');
    const page = await directoryPage(c.var.deps.db, viewer.tenantId, viewer.id, { ...query, openTo: parseOpenTo(openTo) });
    return c.json(page, 200);
  });

  app.openapi(getRoute, async (c) => {
    const viewer = approvedViewer(c);
    const member = await getListedMember(c.var.deps.db, viewer.tenantId, c.req.valid('param').id);
    return c.json(toDirectoryCard(member, viewer.id), 200);
  });
}
