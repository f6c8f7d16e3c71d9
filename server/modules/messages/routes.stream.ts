import { z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { AppError } from '../../core/errors.js';
import { errorResponses } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { requireApprovedMember } from '../members/service.js';
import { unreadSummary } from './service.js';
import { streamHub } from './stream.js';

/**
 * Server-Sent Events for the signed-in member, authorised like every route by the session in the
 * Authorization header: the widget reads it with fetch streaming (EventSource can send neither a
 * header nor anything but cookies, which careers sites do not get).
 */
export const streamRoute = defineRoute(
  {
    method: 'get',
    path: '/v1/me/messages/stream',
    tags: ['Messages'],
    summary: 'New messages as they arrive (Server-Sent Events)',
    description:
      'Send `Accept: text/event-stream`. Events: `ready` `{total, conversations}` (unread, once connected), `message` (a Message, for every ' +
      'new message in your conversations, yours included), `closed` `{reason}` (`replaced`: you opened more than 5 streams; `shutdown`). ' +
      'A comment line every 25 s keeps the connection open. Poll `/v1/me/conversations` while the stream is down.',
    auth: ['session'],
    feature: 'messages',
    responses: {
      200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string() } } },
      ...errorResponses,
    },
  },
  async (c, { member }, ctx) => {
    requireApprovedMember(member, ctx.tenant);
    // Without it the answer would never end for a client that cannot read a stream (and the route checks that walk every operation).
    if (!/text\/event-stream/i.test(c.req.header('accept') ?? '')) throw new AppError('bad_request', 'Send Accept: text/event-stream to open the message stream.');
    const hub = streamHub(c.var.deps);
    const unread = await unreadSummary(ctx, member.id);
    return streamSSE(c, async (stream) => {
      let closed = false;
      let end: () => void = () => undefined;
      const done = new Promise<void>((ok) => (end = ok));
      const write = (text: string) => {
        if (!closed) stream.write(text).catch(() => end());
      };
      const remove = await hub.add({
        tenantId: ctx.tenant.id,
        memberId: member.id,
        send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
        ping: () => write(': ping\n\n'),
        close: (reason) => {
          write(`event: closed\ndata: ${JSON.stringify({ reason })}\n\n`);
          end();
        },
      });
      stream.onAbort(() => end());
      write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify(unread)}\n\n`);
      await done;
      closed = true;
      remove();
    }) as never;
  },
);
