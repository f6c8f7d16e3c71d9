import { sessions, members } from '../../server/db/schema.js';
import type { Db } from '../../server/db/client.js';
import { randomToken, sha256 } from '../../server/core/crypto.js';
import { newId } from '../../server/core/ids.js';
import { reindexMember } from '../../server/modules/directory/search-index.js';
import type { MemberRow } from '../../server/modules/members/profile.js';

let memberCount = 0;

/**
 * Inserts a member straight into the database (no sign-in flow) and indexes it for the directory,
 * as the member services do after every write. Defaults: an approved-looking but `pending` alumnus
 * unless `status` says otherwise, with a unique email.
 */
export async function createMember(db: Db, tenantId: string, overrides: Partial<typeof members.$inferInsert> = {}): Promise<MemberRow> {
  memberCount += 1;
  const now = new Date().toISOString();
  const values: typeof members.$inferInsert = {
    id: newId('mem'),
    tenantId,
    email: `member-${process.pid}-${memberCount}-${randomToken(6).toLowerCase()}@example.jp`,
    name: `会員 ${memberCount}`,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  const [row] = await db.insert(members).values(values).returning();
  await reindexMember(db, row!.id);
  return row!;
}

/** A session token for the member, inserted directly (hashed, as the sign-in flow stores it), valid for years. */
export async function sessionFor(db: Db, member: Pick<MemberRow, 'id' | 'tenantId'>): Promise<string> {
  const token = `hcs_${randomToken(40)}`;
  const now = new Date().toISOString();
  await db.insert(sessions).values({
    id: newId('ses'),
    tenantId: member.tenantId,
    memberId: member.id,
    tokenHash: sha256(token),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: '2999-01-01T00:00:00.000Z',
  });
  return token;
}
