import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import type { Config } from '../../server/config.js';
import { smtpMailer } from '../../server/core/mail/transport.js';
import { makeTestApp, type TestContext } from './app.js';

/** One message as the SMTP server received it, with the parts a test reads already decoded. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the first message (received now or later) that `match` accepts. */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface SmtpOptions {
  /**
   * Milliseconds to hold the n-th mail transaction (0-based) at MAIL FROM, as a slow or busy mail server
   * does: mails sent in one order then arrive in another.
   */
  holdBack?: (n: number) => number;
  /** Listen on this port (to start a mail server again where a stopped one was); default a free one. */
  port?: number;
}

/** A real SMTP server (the smtp-server package) on 127.0.0.1 (a free port unless given), keeping every message it receives. */
export async function startSmtp(options: SmtpOptions = {}): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  let transactions = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      const wait = options.holdBack?.(transactions++) ?? 0;
      if (wait > 0) setTimeout(() => callback(), wait);
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await PostalMime.parse(raw);
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: parsed.html ?? '',
          headers: Object.fromEntries(parsed.headers.map((h) => [h.key, h.value])),
          raw,
        };
        messages.push(mail);
        for (const w of [...waiters]) {
          if (w.match(mail)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(mail);
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(match, timeoutMs = 5_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('[homecoming] no matching mail arrived at the test SMTP server')), timeoutMs);
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** The app over a fresh database, mailing through a real SMTP server on loopback; `t.close()` stops both. */
export async function makeSmtpTestApp(options: { config?: Partial<Config>; smtp?: SmtpOptions } = {}): Promise<{ t: TestContext; smtp: TestSmtp }> {
  const smtp = await startSmtp(options.smtp);
  const t = await makeTestApp({ config: options.config, mailer: smtpMailer(smtp.url, 'Homecoming <no-reply@homecoming.test>') });
  const closeApp = t.close;
  t.close = async () => {
    await t.deps.mailer.close?.();
    await closeApp();
    await smtp.close();
  };
  return { t, smtp };
}
