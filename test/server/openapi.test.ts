/**
 * /openapi.json as a client generator or validator reads it: every `pattern` is a valid ECMA-262
 * pattern, and the document's own schemas (JSON Schema 2020-12, as OpenAPI 3.1 says) accept the
 * examples it publishes and the values the API accepts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { makeTestApp, type TestContext } from '../helpers/app.js';

type Json = Record<string, any>;

/** Every node of `value` with its JSON pointer. */
function* walk(value: unknown, pointer = ''): Generator<[string, Json]> {
  if (value === null || typeof value !== 'object') return;
  yield [pointer, value as Json];
  for (const [key, child] of Object.entries(value)) yield* walk(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
}

/** A pointer as a URI fragment (paths hold `{id}`). */
const fragment = (pointer: string) => pointer.split('/').map(encodeURIComponent).join('/');

describe('/openapi.json', () => {
  let t: TestContext;
  let doc: Json;
  let ajv: InstanceType<typeof Ajv2020>;

  before(async () => {
    t = await makeTestApp();
    doc = (await t.call('GET', '/openapi.json')).body;
    // Not strict: the document also holds OpenAPI's own keywords (example, paths, info…) around the schemas.
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(doc, 'openapi.json');
  });
  after(() => t.close());

  const validate = (pointer: string, value: unknown) => {
    const check = ajv.compile({ $ref: `openapi.json#${fragment(pointer)}` });
    return { ok: check(value) as boolean, errors: JSON.stringify(check.errors) };
  };

  it('every pattern is a valid ECMA-262 regular expression, with no flags glued on', () => {
    const patterns = [...walk(doc)].filter(([, node]) => typeof node.pattern === 'string');
    assert.ok(patterns.length >= 10, `only ${patterns.length} patterns`);
    for (const [pointer, node] of patterns) {
      assert.doesNotThrow(() => new RegExp(node.pattern, 'u'), `${pointer}: ${node.pattern}`);
      assert.doesNotMatch(node.pattern, /\/[dgimsuvy]+$/, `${pointer}: a regex flag inside the pattern`);
    }
  });

  it("the document's schemas accept every example it publishes for requests", () => {
    let checked = 0;
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const [method, op] of Object.entries<Json>(item)) {
        const base = `/paths/${path.replaceAll('/', '~1')}/${method}`;
        const roots: string[] = [];
        if (op.requestBody?.content?.['application/json']) roots.push(`${base}/requestBody/content/application~1json/schema`);
        (op.parameters ?? []).forEach((p: Json, i: number) => {
          if (p.example !== undefined) {
            const res = validate(`${base}/parameters/${i}/schema`, p.example);
            assert.ok(res.ok, `${method.toUpperCase()} ${path} parameter ${p.name} example ${JSON.stringify(p.example)}: ${res.errors}`);
            checked++;
          }
          roots.push(`${base}/parameters/${i}/schema`);
        });
        // Follow $refs into the components the operation uses, checking each example where it stands.
        const seen = new Set<string>();
        const queue = [...roots];
        while (queue.length) {
          const root = queue.pop()!;
          if (seen.has(root)) continue;
          seen.add(root);
          const node = root.split('/').slice(1).reduce<any>((n, key) => n?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
          for (const [rel, sub] of walk(node)) {
            if (typeof sub.$ref === 'string') queue.push(sub.$ref.slice(1));
            for (const example of [...(sub.example !== undefined ? [sub.example] : []), ...(Array.isArray(sub.examples) ? sub.examples : [])]) {
              const res = validate(`${root}${rel}`, example);
              assert.ok(res.ok, `${method.toUpperCase()} ${path}: example at ${root}${rel} ${JSON.stringify(example)}: ${res.errors}`);
              checked++;
            }
          }
        }
      }
    }
    assert.ok(checked >= 20, `only ${checked} examples checked`);
  });

  it('every free-text string a request takes carries a pattern (the text rule), but for ids, emails, the code and the JWT', () => {
    const exempt = /\/properties\/(email|emails\/items|contactEmails\/items|code|token)$/;
    const missing: string[] = [];
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const [method, op] of Object.entries<Json>(item)) {
        const roots: unknown[] = [op.requestBody?.content?.['application/json']?.schema];
        for (const p of op.parameters ?? []) if (p.in !== 'path') roots.push(p.schema);
        const seen = new Set<string>();
        const queue = roots.filter(Boolean);
        while (queue.length) {
          for (const [rel, node] of walk(queue.pop())) {
            if (typeof node.$ref === 'string' && !seen.has(node.$ref)) {
              seen.add(node.$ref);
              queue.push(doc.components.schemas[node.$ref.split('/').pop()!]);
            }
            const isText = [node.type].flat().includes('string') && !node.enum && node.const === undefined && !node.format;
            if (isText && !node.pattern && !exempt.test(rel)) missing.push(`${method.toUpperCase()} ${path} ${rel || '(parameter)'}`);
          }
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  it('a field accepts in the document what the API accepts, and refuses what it refuses', async () => {
    const a = await t.tenant();
    const patch = doc.paths['/v1/me'].patch.requestBody.content['application/json'].schema;
    const schema = patch.$ref ? patch.$ref.slice(1) : '/paths/~1v1~1me/patch/requestBody/content/application~1json/schema';
    const { createMember, sessionFor } = await import('../helpers/members.js');
    const session = await sessionFor(t.deps.db, await createMember(t.deps.db, a.id, { status: 'approved' }));
    const cases: [Json, boolean][] = [
      [{ name: '山田 太郎' }, true],
      [{ name: 'مريم العلي' }, true],
      [{ name: '👩‍💻 Dev' }, true],
      [{ currentCompany: '株式会社サンプル', skills: ['営業', 'Python'] }, true],
      [{ photoUrl: 'https://cdn.example.jp/taro.jpg' }, true],
      [{ bio: '一行目\n二行目\tタブ' }, true],
      [{ career: [{ department: '営業部', from: ' 2016-04 ', to: '2020' }] }, true],
      [{ career: [{ department: '営業部', from: 'April 2016' }] }, false],
      [{ name: 'a\u0000b' }, false],
      [{ name: '\u202Eabc' }, false],
      [{ currentTitle: 'a\nb' }, false],
      [{ photoUrl: 'https://cdn.example.jp/a\u0007.jpg' }, false],
      [{ bio: 'a\u0000b' }, false],
    ];
    for (const [body, accepted] of cases) {
      const res = await t.call('PATCH', '/v1/me', { token: session, origin: a.origin, body });
      assert.equal(res.status === 200, accepted, `API: ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(validate(schema, body).ok, accepted, `document: ${JSON.stringify(body)}`);
    }
  });
});
