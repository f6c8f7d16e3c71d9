import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import type { OutboxEntry } from '../core/mail/transport.js';
import { CliError } from './deps.js';

/** Reads the development outbox (one JSON message per line); a damaged line is skipped, not fatal. */
export function readOutbox(path: string): OutboxEntry[] {
  if (!existsSync(path)) return [];
  const entries: OutboxEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as OutboxEntry);
    } catch {
      // a line cut short by a crash mid-write: the rest of the outbox is still worth showing
    }
  }
  return entries;
}

/** Sign-in codes are six digits; surfacing them spares the operator reading the whole mail. */
export function findCode(entry: Pick<OutboxEntry, 'subject' | 'text'>): string | undefined {
  return /(?<![\d\w])\d{6}(?![\d\w])/.exec(`${entry.subject}\n${entry.text}`)?.[0];
}

export function formatEntry(entry: OutboxEntry): string {
  const code = findCode(entry);
  const head = [
    `── ${entry.sentAt}${entry.tag ? `  [${entry.tag}]` : ''} ${'─'.repeat(20)}`,
    `From:    ${entry.from}`,
    `To:      ${entry.to}`,
    ...(entry.replyTo ? [`Reply-To: ${entry.replyTo}`] : []),
    `Subject: ${entry.subject}`,
    ...(code ? [`Code:    ${code}`] : []),
    '',
  ];
  return [...head, entry.text.trimEnd(), ''].join('\n');
}

export function registerOutboxCommand(program: Command) {
  program
    .command('outbox')
    .description('show the mail Homecoming wrote to the development outbox (used when SMTP_URL is unset)')
    .option('--tail <n>', 'show only the last n messages', '10')
    .option('--json', 'print the messages as a JSON array')
    .action(async (opts: { tail: string; json?: boolean }) => {
      const tail = Number(opts.tail);
      if (!Number.isInteger(tail) || tail < 1) throw new CliError(`--tail must be a whole number of at least 1, not "${opts.tail}".`);
      const config = loadConfig();
      const { outboxPath } = await import('../runtime.js');
      const path = outboxPath(config);
      const entries = readOutbox(path).slice(-tail);
      if (opts.json) {
        // The sign-in code as its own field, so `outbox --json | jq -r '.[-1].code'` gets it.
        console.log(JSON.stringify(entries.map((e) => ({ ...e, code: findCode(e) ?? null }))));
        return;
      }
      if (config.SMTP_URL) console.log(`Note: SMTP_URL is set, so new mail goes to ${new URL(config.SMTP_URL).host}, not to the outbox.\n`);
      if (!entries.length) {
        console.log(`The outbox is empty (${path}).`);
        return;
      }
      console.log(`Outbox ${path} — last ${entries.length} message(s), oldest first:\n`);
      for (const entry of entries) console.log(formatEntry(entry));
    });
}
