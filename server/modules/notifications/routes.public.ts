import { z } from '@hono/zod-openapi';
import { escapeHtml } from '../../core/mail/compose.js';
import { errorResponses, json, jsonBody } from '../../http/openapi.js';
import { defineRoute, type Registrar } from '../../http/route.js';
import { getPreferences, readUnsubscribeToken, setPreferences, unsubscribe } from './service.js';
import { notificationTopics, topicNames, type NotificationTopic } from './topics.js';

const PreferencesSchema = z
  .object(Object.fromEntries(topicNames.map((t) => [t, z.enum(notificationTopics[t].values as unknown as [string, ...string[]])])) as Record<NotificationTopic, z.ZodEnum<Record<string, string>>>)
  .openapi('NotificationPreferences', { description: 'For each kind of mail a member can turn off, their choice (defaults filled in)' });

const PreferencesPatchSchema = PreferencesSchema.partial().strict().openapi('NotificationPreferencesPatch');

const tags = ['Me'];

export const preferenceRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/notifications',
      tags,
      summary: 'Which mail I get: reminders, job alerts, replies, relay nominations, the digest, unread messages',
      auth: ['session'],
      feature: null,
      responses: { 200: json(PreferencesSchema), ...errorResponses },
    },
    async (c, { memberId }, ctx) => c.json(await getPreferences(ctx, memberId), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/me/notifications',
      tags,
      summary: 'Change which mail I get',
      auth: ['session'],
      feature: null,
      request: { body: jsonBody(PreferencesPatchSchema) },
      responses: { 200: json(PreferencesSchema), ...errorResponses },
    },
    async (c, { memberId }, ctx) => c.json(await setPreferences(ctx, memberId, c.req.valid('json')), 200),
  ),
];

const page = (title: string, body: string) =>
  `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.7">${body}</body></html>`;

// No script or style sheet: the page works under the strictest policy.
const csp = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * One-click unsubscribe (RFC 8058): mail clients POST to the List-Unsubscribe URL; a person who opens
 * the link gets a page with one button (a GET never changes anything, so link scanners cannot
 * unsubscribe anyone). The signed token is the only credential.
 */
export const unsubscribePages: Registrar = {
  register(app) {
    app.get('/unsubscribe', async (c) => {
      const token = c.req.query('t') ?? '';
      const target = await readUnsubscribeToken(c.var.deps.db, token);
      const headers = { 'content-security-policy': csp, 'cache-control': 'no-store' };
      if (!target) return c.html(page('配信停止 / Unsubscribe', '<p>このリンクは無効です。 / This link is not valid.</p>'), 400, headers);
      return c.html(
        page(
          '配信停止 / Unsubscribe',
          `<p>このお知らせメールの配信を停止しますか？<br>Stop these emails?</p>` +
            `<form method="post" action="/unsubscribe?t=${escapeHtml(encodeURIComponent(token))}"><button type="submit" style="font-size:1rem;padding:.6rem 1.2rem">配信を停止する / Unsubscribe</button></form>`,
        ),
        200,
        headers,
      );
    });
    app.post('/unsubscribe', async (c) => {
      const target = await readUnsubscribeToken(c.var.deps.db, c.req.query('t') ?? '');
      const headers = { 'content-security-policy': csp, 'cache-control': 'no-store' };
      if (!target) return c.html(page('配信停止 / Unsubscribe', '<p>このリンクは無効です。 / This link is not valid.</p>'), 400, headers);
      await unsubscribe(c.var.deps.db, c.var.deps.clock.now(), target);
      return c.html(page('配信停止 / Unsubscribe', '<p>配信を停止しました。 / You will not get these emails any more.</p>'), 200, headers);
    });
  },
};
