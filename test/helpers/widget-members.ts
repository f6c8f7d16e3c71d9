/**
 * Member commands of the widget tests' API child (test/helpers/widget-api.ts hands every
 * `members.*` command to memberCommand). They seed members and roster entries, open sessions,
 * read mail from a real SMTP server and sign SSO tokens — what a tenant's staff, a mailbox and a
 * host site would do — so the browser tests can drive <alumni-sign-in> and
 * <alumni-member-directory> against the real API.
 *
 *   members.seed                       → the directory fixture members → { ids: {key: id} }
 *   members.session {status?, person?, kind?, unlisted? = true, profile?} → a new member with a session → { token, member }
 *                                      (`profile`: more columns, e.g. {photoUrl, joinedYear})
 *   members.roster {email, person, department?} → a roster entry (sign-up with it is approved at once)
 *   members.tenant {privacyPolicyUrl?, privacyPolicyVersion?, membershipPolicy?}
 *   members.consent {version, except?}  → every member of the tenant (but `except`) has accepted that policy version
 *   members.code {email}               → the code of the latest sign-in mail to `email` → { code }
 *   members.mail {to}                  → the mails the SMTP server received for `to`
 *   members.get {memberId}             → { row }: the stored member row, or null
 *   members.sso {sub, email, person}   → a fresh HS256 SSO token signed with the tenant's secret
 *   members.kind {key, features}      → a member kind of the tenant with those features (created, or changed)
 *   members.message {from, to, body}   → `from` (a session token) sends `to` (a member id) a message, as another browser would
 */
import { features as allFeatures, type Feature } from '../../server/modules/member-kinds/features.js';
import { featuresForKind, updateMemberKind, createMemberKind } from '../../server/modules/member-kinds/service.js';
import { operatorContext } from '../../server/core/context.js';
import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import type { Deps } from '../../server/core/context.js';
import { members } from '../../server/db/schema.js';
import { toMemberView } from '../../server/modules/members/service.js';
import { upsertRoster } from '../../server/modules/roster/service.js';
import { rotateSsoSecret } from '../../server/modules/auth/sso.js';
import { getTenant, updateTenant } from '../../server/modules/tenants/service.js';
import { createMember, sessionFor } from './members.js';
import type { TestSmtp } from './smtp.js';
import { directoryMembers } from './widget-member-fixtures.js';

export interface MemberCommandContext {
  deps: Deps;
  tenantId: string;
  /** The real SMTP server on loopback the API mails through, so a sign-in code travels as in production. */
  smtp: TestSmtp;
  /** A request to the running API, as a browser elsewhere would make it. */
  request(path: string, init: RequestInit): Promise<Response>;
}

const ssoSecrets = new WeakMap<Deps, string>();

async function tenant(ctx: MemberCommandContext) {
  const found = await getTenant(ctx.deps.db, ctx.tenantId);
  if (!found) throw new Error('tenant gone');
  return found;
}

type Message = Record<string, unknown> & { cmd: string };

export async function memberCommand(ctx: MemberCommandContext, message: Message): Promise<unknown> {
  const { db, clock } = ctx.deps;
  const mail = ctx.smtp;
  switch (message.cmd) {
    case 'members.seed': {
      const ids: Record<string, string> = {};
      for (const { key, ...values } of directoryMembers) {
        ids[key] = (await createMember(db, ctx.tenantId, { status: 'approved', ...values })).id;
      }
      return { ids };
    }
    case 'members.session': {
      const row = await createMember(db, ctx.tenantId, {
        status: (message.status as 'approved' | 'pending' | undefined) ?? 'approved',
        name: (message.person as string | undefined) ?? '閲覧 太郎',
        kind: (message.kind as string | undefined) ?? 'alumni',
        // The viewer stays out of the directory unless a test lists them, so lists show only the fixtures.
        unlisted: (message.unlisted as boolean | undefined) ?? true,
        ...(message.profile as Record<string, unknown> | undefined),
      });
      const opCtx = operatorContext(db, await tenant(ctx), { now: clock.now() });
      return { token: await sessionFor(db, row), member: toMemberView(row, await tenant(ctx), await featuresForKind(opCtx, row.kind)) };
    }
    case 'members.kind': {
      const opCtx = operatorContext(db, await tenant(ctx), { now: clock.now() });
      const key = String(message.key);
      const features = (message.features as Feature[]).filter((f) => allFeatures.includes(f));
      await createMemberKind(opCtx, { key, labelJa: key, labelEn: key, features }).catch(() => updateMemberKind(opCtx, key, { features }));
      return { ok: true };
    }
    case 'members.roster': {
      const entry = { emails: [String(message.email)], name: String(message.person), department: (message.department as string | undefined) ?? '' };
      await upsertRoster(operatorContext(db, await tenant(ctx), { now: clock.now() }), [entry]);
      return { ok: true };
    }
    case 'members.tenant': {
      const { cmd: _cmd, name: _name, id: _id, ...patch } = message;
      await updateTenant(operatorContext(db, await tenant(ctx), { now: clock.now() }), patch);
      return { ok: true };
    }
    case 'members.consent': {
      const version = String(message.version);
      const all = await db.select().from(members).where(eq(members.tenantId, ctx.tenantId));
      for (const m of all.filter((m) => m.id !== message.except)) {
        await db.update(members).set({ consentVersion: version, consentAt: new Date().toISOString() }).where(eq(members.id, m.id));
      }
      return { ok: true };
    }
    case 'members.code': {
      const to = String(message.email).toLowerCase();
      const before = Number(message.after ?? 0);
      const found = await mail.waitFor((m) => m.to.includes(to) && mail.messages.indexOf(m) >= before && /\b\d{6}\b/.test(m.text));
      return { code: /\b(\d{6})\b/.exec(found.text)![1], index: mail.messages.indexOf(found) };
    }
    case 'members.mail': {
      const to = String(message.to).toLowerCase();
      // Mail leaves through the outbox, just after the request that caused it: wait for the first one.
      await mail.waitFor((m) => m.to.includes(to)).catch(() => undefined);
      return mail.messages.filter((m) => m.to.includes(to)).map((m) => ({ subject: m.subject, text: m.text, replyTo: m.headers['reply-to'] ?? null }));
    }
    case 'members.get': {
      const [row] = await db
        .select()
        .from(members)
        .where(and(eq(members.tenantId, ctx.tenantId), eq(members.id, String(message.memberId))));
      // The test runner takes a null answer for "no such command", so the row travels wrapped.
      return { row: row ?? null };
    }
    case 'members.sso': {
      let secret = ssoSecrets.get(ctx.deps);
      if (!secret) {
        secret = (await rotateSsoSecret(operatorContext(db, await tenant(ctx), { now: clock.now(), config: ctx.deps.config }))).secret;
        ssoSecrets.set(ctx.deps, secret);
      }
      // What the tenant's own site does for a logged-in user (see the README's SSO section).
      const token = await new SignJWT({ email: message.email, name: message.person })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(message.sub))
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));
      return { token };
    }
    case 'members.message': {
      // Through the API itself (another member's browser would send the same request).
      const origin = message.origin as string | undefined;
      const res = await ctx.request('/v1/me/conversations', {
        method: 'POST',
        headers: { authorization: `Bearer ${String(message.from)}`, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
        body: JSON.stringify({ memberIds: [message.to], body: message.body }),
      });
      return { status: res.status, body: await res.json() };
    }
    default:
      throw new Error(`unknown command ${message.cmd}`);
  }
}
