/**
 * parseMarkdown on hostile input next to ordinary prose of the same length, in the same run: CPU
 * time (best of a few runs, so other processes on a shared machine matter less) and whether the
 * input was parsed or refused by a budget. Each hostile case is built to sit just inside or past
 * the budget that guards it (server/core/rich-text/limits.ts).
 *
 *   npx tsx test/bench/rich-text.ts
 */
import { pathToFileURL } from 'node:url';
import { MAX_MARKDOWN_LENGTH, parseMarkdown, RichTextError } from '../../server/core/rich-text/index.js';

const N = MAX_MARKDOWN_LENGTH;
const fill = (unit: string, length = N) => unit.repeat(Math.floor(length / unit.length));
const firstLines = (text: string, lines: number) => text.split('\n').slice(0, lines).join('\n');

export const richTextCases: Record<string, string> = {
  'ordinary prose (baseline)': fill('これは普通の文章です。**強調**と[リンク](https://example.com)と`code`があります。\n'),
  'long job description (sections, lists, links)': fill(
    '## 仕事内容\n\n製造業のお客様に向けた**法人営業**です。既存のお客様との関係づくりから、新しい提案まで担当していただきます。' +
      '詳しくは [採用ページ](https://example.com/jobs/1) をご覧ください。\n\n' +
      '- 既存顧客への提案（*副業・業務委託も可*）\n- 新規開拓と展示会への出展\n- 社内の技術チームとの連携\n' +
      '- 見積もりと契約の管理\n- 月に一度の営業会議での報告\n\n> 出戻り歓迎。以前の経験をそのまま活かせます。\n\n',
  ),
  '500 list items of 40 characters': firstLines(fill('- 営業・マーケティング・カスタマーサクセス・人事・経理・法務\n'), 500),
  '1,999 short lines': firstLines(fill('abcdefghi\n'), 1_999),
  '6,666 paragraphs (refused: lines)': fill('a\n\n'),
  '1,000 items after 999 lines': `${firstLines(fill('abcdefghi\n'), 999)}\n${firstLines(fill('- x\n'), 1_000)}`,
  '500 lines of - - x': firstLines(fill('- - x\n'), 500),
  '62 lines of 16 nested bullets': firstLines(fill(`${'- '.repeat(16)}x\n`), 62),
  '1,001 items (refused: containers)': firstLines(fill('- x\n'), 1_001),
  '5,000 quoted paragraphs (refused: lines)': fill('>a\n\n'),
  '3,333 lines of - - x (refused: lines)': fill('- - x\n'),
  '4,000 bullets on one line (refused: nesting)': `${'- '.repeat(4_000)}x`,
  '20,000 > (refused: nesting)': '>'.repeat(N),
  '500 nested emphasis pairs': `${'*_'.repeat(500)}x${'_*'.repeat(500)}${' b'.repeat(8_999)}`,
  '2,000 * in one paragraph': fill('*a', 4_000) + ' b'.repeat(8_000),
  '4,999 nested emphasis pairs (refused: marks)': `${'*_'.repeat(4_999)}x${'_*'.repeat(4_999)}`,
  '1,000 [ … 1,000 ] around 18,000 chars (refused: labels)': `${'['.repeat(1_000)}${' b'.repeat(9_000)}${']'.repeat(1_000)}`,
  '10 [ … 10 ] around 19,980 chars': `${'['.repeat(10)}${' b'.repeat(9_990)}${']'.repeat(10)}`,
  'one [ before 19,999 chars of words': `[${fill(' b').slice(1)}`,
  'bare URLs and emails': fill('www.a.jp foo@b.jp https://x.jp/a_(b) '),
  'a.a.a… (email pattern)': fill('a.'),
  '20,000 [': '['.repeat(N),
  '3,333 links to a relative URL': fill('[a](b)'),
  '1,176 links': fill('[a](http://a.jp) '),
  '2,222 bare www. links (refused: nodes)': fill('www.a.jp '),
  '6,666 inline HTML tags': fill('<b>'),
  '3,333 entities': fill('&amp; '),
  '1,000 definitions, 1,000 references': `${Array.from({ length: 1_000 }, (_, i) => `[a${i}]: http://x`).join('\n')}\n${'[a1]'.repeat(1_000)}`.slice(0, N),
  'backtick runs of every length': Array.from({ length: 190 }, (_, i) => `${'`'.repeat(i + 1)}a`).join(' ').slice(0, N),
};

function measure(md: string): { ms: number; outcome: string } {
  let best = Infinity;
  let outcome = '';
  for (let run = 0; run < 3; run++) {
    const start = process.cpuUsage();
    try {
      outcome = `parsed, ${JSON.stringify(parseMarkdown(md)).length.toLocaleString('en-US')} B of JSON`;
    } catch (err) {
      if (!(err instanceof RichTextError)) throw err;
      outcome = `refused: ${err.message}`;
    }
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: best, outcome };
}

export function runRichTextBench(): { name: string; ms: number; outcome: string }[] {
  parseMarkdown(fill('warm *up* [x](https://x.jp)\n', 5_000));
  return Object.entries(richTextCases).map(([name, md]) => ({ name, ...measure(md) }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = runRichTextBench();
  const baseline = rows[0]!.ms;
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`parseMarkdown, ${N.toLocaleString('en-US')} characters at most; CPU ms (best of 3), × ordinary prose\n`);
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(width)}  ${r.ms.toFixed(0).padStart(5)} ms  ${(r.ms / baseline).toFixed(1).padStart(5)}×  ${r.outcome}`);
  }
}
