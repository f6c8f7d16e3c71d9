import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { openToFlags } from '../members/schema.js';
import { kindKey } from '../member-kinds/features.js';
import { requireApprovedMember } from '../members/service.js';
import { assertKinds, messageableKinds } from '../member-kinds/service.js';
import { directoryPage, getListedMember, parseOpenTo, toDirectoryCard } from './service.js';

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
    kind: z.string().openapi({ example: 'alumni' }),
    profile: DirectoryProfileSchema,
    canContact: z.boolean().openapi({ description: 'Whether POST /v1/members/{id}/contact is open to the viewer' }),
  })
  .openapi('DirectoryMember');

const filterText = (name: string, description: string, example: string) =>
  singleLine(100).optional().openapi({ param: { name, in: 'query' }, description, example });
const year = (name: string) =>
  z.coerce.number().int().min(1900).max(2200).optional().openapi({ param: { name, in: 'query' }, example: 2020 });

export const directoryRoutes = [
  defineRoute(
    {
  method: 'get',
  path: '/v1/members',
  tags: ['Directory'],
  summary: 'Search and filter the member directory',
  description:
    'Approved, listed members of the tenant. `q` searches name, kana, department, current company, titles, skills, ' +
    'interests and bio (Japanese from two characters, English words and prefixes); it is plain text, never query syntax. ' +
    'Filters only ever match fields the member shows to members. With `q`, members whose name or reading matches come first, then the other matches, ' +
    'each group most recently updated first; without `q`, by reading (kana) and name.',
  auth: ['session'],
  feature: 'directory',
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
      kind: kindKey.optional().openapi({ param: { name: 'kind', in: 'query' } }),
    }),
  },
  responses: { 200: json(pageSchema(DirectoryCardSchema, 'DirectoryPage')), ...errorResponses },
    },
    async (c, { member, features }, ctx) => {
      const viewer = requireApprovedMember(member, ctx.tenant);
      const { openTo, ...query } = c.req.valid('query');
      if (query.kind !== undefined) await assertKinds(ctx, [{ field: 'kind', key: query.kind }]);
      return c.json(await directoryPage(ctx, viewer.id, { ...query, openTo: parseOpenTo(openTo) }, await messageableKinds(ctx, features)), 200);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/members/{id}',
      tags: ['Directory'],
      summary: 'One member of the directory',
      auth: ['session'],
      feature: 'directory',
      request: { params: z.object({ id: idParam('id', 'mem_4f9KqLm2Xa8bC1dE3fGh') }) },
      responses: { 200: json(DirectoryCardSchema), ...errorResponses },
    },
    async (c, { member, features }, ctx) => {
      const viewer = requireApprovedMember(member, ctx.tenant);
      return c.json(toDirectoryCard(await getListedMember(ctx, c.req.valid('param').id), viewer.id, await messageableKinds(ctx, features)), 200);
    },
  ),
];
