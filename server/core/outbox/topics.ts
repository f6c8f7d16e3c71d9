import type { Db } from '../../db/client.js';

/** One delivered or failed outbox row, as a topic's handler sees it. */
export interface OutboxItem {
  id: string;
  tenantId: string;
  topic: string;
  /** A job's payload; for a mail, `{ message, ref? }`. */
  payload: Record<string, unknown>;
  memberId: string | null;
  attempts: number;
}

/** What the worker hands a job besides its row. */
export interface OutboxEnv {
  now: Date;
}

/**
 * What a module does with the outbox rows of one topic: `run` performs a job; `delivered` and
 * `failed` follow a mail (e.g. a sign-in code supersedes older codes once its mail is out).
 */
export interface OutboxTopic {
  /** `env.now` is the worker's clock (the tests' clock in tests), for jobs that schedule more work. */
  run?(db: Db, item: OutboxItem, env: OutboxEnv): Promise<void>;
  delivered?(db: Db, item: OutboxItem): Promise<void>;
  failed?(db: Db, item: OutboxItem): Promise<void>;
}

export type OutboxTopics = Record<string, OutboxTopic>;
