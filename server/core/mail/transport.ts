import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** Free-form tag for logs and the outbox (e.g. `sign-in-code`). */
  tag?: string;
  /** A stable Message-ID (`<id@host>`), so a copy delivered twice can be recognised as the same mail. */
  messageId?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** Files to attach, e.g. a calendar invitation (`text/calendar; method=REQUEST`). */
  attachments?: { filename: string; content: string; contentType: string }[];
  /** An alternative body part, e.g. a calendar invitation mail clients show inline. */
  icalEvent?: { method: string; content: string; filename?: string };
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage & { from?: string }): Promise<void>;
  close?(): Promise<void>;
}

/** Sends through an SMTP server with nodemailer (`smtp://user:pass@host:port`). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send({ tag: _tag, ...message }) {
      await transport.sendMail({ from, ...message });
    },
    async close() {
      transport.close();
    },
  };
}

export interface OutboxEntry extends MailMessage {
  from: string;
  sentAt: string;
}

/**
 * Development outbox, used when SMTP_URL is unset: each message is appended as one JSON line to
 * `path` (read it with `npm run homecoming -- outbox`) and kept in `messages` for tests.
 */
export function outboxMailer(path: string | null, from: string): Mailer & { messages: OutboxEntry[] } {
  const messages: OutboxEntry[] = [];
  return {
    kind: 'outbox',
    messages,
    async send(message) {
      const entry: OutboxEntry = { from: message.from ?? from, ...message, sentAt: new Date().toISOString() };
      messages.push(entry);
      if (path) {
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, `${JSON.stringify(entry)}\n`);
      }
    },
  };
}
