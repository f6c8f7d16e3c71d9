/**
 * The mail for an absent member. Each message queues, per recipient, one `messages.unread` job ten
 * minutes on (coalesced: while one waits, later messages add none), so a burst is one mail. The job,
 * run by whichever process claims it, mails only a member who still has messages they have neither
 * read nor been mailed about, who has not turned this mail off, and who has no stream open anywhere
 * (for such a member it looks again later). What it mails about is marked in the same batch as the mail.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { loadConfig } from '../../config.js';
import { operatorContext, type ServiceContext } from '../../core/context.js';
import { composeMail, oneLine } from '../../core/mail/compose.js';
import { recordJob, recordMail } from '../../core/outbox/record.js';
import type { OutboxEnv, OutboxItem, OutboxTopics } from '../../core/outbox/topics.js';
import type { Db } from '../../db/client.js';
import type { MemberRow } from '../members/profile.js';
import { getMember } from '../members/service.js';
import { unsubscribeUrl, wants } from '../notifications/service.js';
import { getTenant } from '../tenants/service.js';
import { conversationParticipants, messagePresence } from './schema.js';
import { UNREAD_MAIL_DELAY_MS } from './service.js';

/** A member whose stream was seen this recently counts as present (each process marks its streams every 30 s). */
export const PRESENT_MS = 75_000;

interface Pending {
  conversation_id: string;
  n: number;
  top: number;
  senders: string;
}

async function workContext(db: Db, tenantId: string, publicApiUrl: unknown, now: Date | undefined): Promise<ServiceContext | undefined> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) return undefined;
  const config = loadConfig({});
  return operatorContext(db, tenant, { now, config: { ...config, PUBLIC_API_URL: typeof publicApiUrl === 'string' ? publicApiUrl : config.PUBLIC_API_URL } });
}

export function unreadMail(ctx: ServiceContext, member: MemberRow, pending: Pending[], unsubscribe: string) {
  const en = member.locale === 'en';
  const tenantName = oneLine(ctx.tenant.name);
  const total = pending.reduce((s, p) => s + Number(p.n), 0);
  const base = ctx.tenant.alumniPageUrl;
  const only = pending.length === 1 ? pending[0]!.conversation_id : undefined;
  const lines = pending.map((p) => {
    const who = [...new Set(p.senders.split('\u001f').map(oneLine).filter(Boolean))].join(en ? ', ' : '、') || (en ? 'A member' : 'メンバー');
    return en ? `- ${who}: ${p.n} new` : `・${who} さん：${p.n} 件`;
  });
  return composeMail({
    to: member.email,
    locale: member.locale,
    tenantName,
    name: member.name,
    alumniPageUrl: base,
    unsubscribeUrl: unsubscribe,
    subject: en ? `[${tenantName}] You have ${total} unread message${total === 1 ? '' : 's'}` : `[${tenantName}] 未読のメッセージが ${total} 件あります`,
    paragraphs: [
      en ? `Members of the ${tenantName} alumni network wrote to you:` : `${tenantName} アルムナイネットワークで、メッセージが届いています。`,
      lines.join('\n'),
      en ? 'Your email address is never shown to other members.' : 'あなたのメールアドレスが他のメンバーに知らされることはありません。',
    ],
    ...(base ? { action: { label: en ? 'Read your messages' : 'メッセージを読む', url: only ? `${base}#alumni-conversation=${only}` : `${base}#alumni-messages` } } : {}),
    tag: 'messages-unread',
  });
}

async function run(db: Db, item: OutboxItem, env: OutboxEnv): Promise<void> {
  const { tenantId, memberId, payload } = item;
  const ctx = await workContext(db, tenantId, payload.publicApiUrl, env.now);
  if (!ctx || !memberId) return;
  const member = await getMember(ctx, memberId);
  if (!member || member.status !== 'approved' || !(await wants(ctx, memberId, 'messages.unread'))) return;
  const [presence] = await ctx.scoped.select(messagePresence, eq(messagePresence.memberId, memberId)).limit(1);
  const now = ctx.now.getTime();
  if (presence && presence.seenAt > now - PRESENT_MS) {
    // Reading right now, perhaps another conversation: look again later rather than mail someone who is here.
    await recordJob(db, { tenantId, topic: 'messages.unread', now: ctx.now, notBefore: new Date(now + UNREAD_MAIL_DELAY_MS), memberId, coalesceKey: `messages.unread:${memberId}`, payload });
    return;
  }
  const pending = await db.all<Pending>(sql`
    select p.conversation_id, count(*) as n, max(m.seq) as top, group_concat(m.sender_name, char(31)) as senders
    from conversation_participants p join messages m on m.conversation_id = p.conversation_id
    where p.tenant_id = ${tenantId} and p.member_id = ${memberId} and p.left_at is null
      and m.seq > max(p.last_read_seq, p.notified_seq) and m.removed_at is null
      and (m.sender_member_id is null or m.sender_member_id <> ${memberId})
    group by p.conversation_id order by max(m.seq) desc`);
  if (!pending.length) return;
  const statements: BatchItem<'sqlite'>[] = pending.map((p) =>
    ctx.scoped.update(
      conversationParticipants,
      { notifiedSeq: sql`max(${conversationParticipants.notifiedSeq}, ${Number(p.top)})` },
      and(eq(conversationParticipants.conversationId, p.conversation_id), eq(conversationParticipants.memberId, memberId)),
    ),
  );
  // Due at once, whatever clock the delivering worker keeps.
  statements.push(recordMail(db, { tenantId, topic: 'messages-unread', now: ctx.now, notBefore: new Date(0), memberId, message: unreadMail(ctx, member, pending, await unsubscribeUrl(ctx, memberId, 'messages.unread')) }));
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}

export const unreadTopics: OutboxTopics = {
  'messages.unread': { run },
};
