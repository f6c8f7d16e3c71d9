import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startExamplesServer, type RunningExamples } from '../../scripts/examples-server.js';

const pages = readdirSync('examples').filter((f) => f.endsWith('.html'));
const readme = readFileSync('README.md', 'utf8');

/** The first ```html block of the README's "Embed it" section: the snippet a customer pastes. */
function readmeSnippet(): string {
  const section = readme.slice(readme.indexOf('## Embed it'));
  const match = /```html\n([\s\S]*?)```/.exec(section);
  assert.ok(match, 'README has an html snippet under "## Embed it"');
  return match[1]!.trim();
}

describe('example careers site', () => {
  let site: RunningExamples;
  const apiUrl = 'http://127.0.0.1:45678';
  const key = 'pk_TestKeyForTheExampleSite000000';
  before(async () => {
    site = await startExamplesServer({ port: 0, hostname: '127.0.0.1', apiUrl, publishableKey: key });
  });
  after(() => site.close());

  it('each page holds the snippet exactly as README shows it, with the pk_… placeholder', () => {
    assert.ok(pages.includes('index.html') && pages.length >= 2);
    const snippet = readmeSnippet();
    assert.match(snippet, /pk_…/);
    for (const page of pages) {
      const html = readFileSync(`examples/${page}`, 'utf8');
      const indented = snippet.split('\n').map((l) => `  ${l}`).join('\n');
      assert.ok(html.includes(indented), `${page} contains the README snippet verbatim`);
    }
  });

  it('needs no inline script or style, so a strict CSP holds', () => {
    for (const page of pages) {
      const html = readFileSync(`examples/${page}`, 'utf8');
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${page}: inline <script>`);
      assert.doesNotMatch(html, /<style[\s>]/, `${page}: <style> block`);
      assert.doesNotMatch(html, /\sstyle=/, `${page}: style attribute`);
      assert.doesNotMatch(html, /\son[a-z]+=/, `${page}: inline event handler`);
    }
  });

  it('serves pages with the key and API URL filled in, under a strict Content-Security-Policy', async () => {
    for (const path of ['/', '/alumni.html']) {
      const res = await fetch(`${site.url.replace('localhost', '127.0.0.1')}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self' http:\/\/127\.0\.0\.1:45678(;|$)/);
      assert.match(csp, /connect-src http:\/\/127\.0\.0\.1:45678(;|$)/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const html = await res.text();
      assert.ok(html.includes(`<meta name="homecoming:publishable-key" content="${key}">`), path);
      assert.ok(html.includes(`<script type="module" src="${apiUrl}/widgets/homecoming.js"></script>`), path);
      assert.ok(!html.includes('pk_…') && !html.includes('localhost:8787'), `${path}: no placeholder left`);
      // The filled-in page is longer than the file: all of it arrives (no stale Content-Length).
      assert.ok(html.trimEnd().endsWith('</html>'), `${path}: the whole page`);
      assert.equal(res.headers.get('content-length'), String(Buffer.byteLength(html)), path);
    }
  });

  it('serves the stylesheet as it is, and nothing outside examples/', async () => {
    const base = site.url.replace('localhost', '127.0.0.1');
    const css = await fetch(`${base}/styles.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    assert.equal(await css.text(), readFileSync('examples/styles.css', 'utf8'));
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fREADME.md']) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 404, path);
    }
  });
});
