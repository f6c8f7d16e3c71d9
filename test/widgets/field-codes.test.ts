import { expect } from '@open-wc/testing';
import { problemFromCode } from '../../widgets/core/members/index.js';
import { profileMessages } from '../../widgets/core/members/profile.js';

/** The API's field-error codes become the member elements' own messages (ja and en), not its English. */
describe('field-error codes from the API', () => {
  const render = (lang: 'ja' | 'en', code: string, params?: Record<string, unknown>) => {
    const problem = problemFromCode(code, params);
    if (!problem) return undefined;
    const [key, vars = {}] = problem;
    return Object.entries({ field: lang === 'ja' ? '名前' : 'Name', ...vars }).reduce((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), profileMessages[lang][key]);
  };

  it('words each code the API sends for member fields', () => {
    expect(render('ja', 'required')).to.equal('名前を入力してください。');
    expect(render('ja', 'too_long', { max: 100 })).to.equal('名前は100文字以内で入力してください。');
    expect(render('en', 'too_long', { max: 100 })).to.match(/100/);
    expect(render('ja', 'not_single_line')).to.contain('改行');
    expect(render('ja', 'too_many', { max: 30 })).to.contain('30');
  });

  it('leaves codes it has no words for to the generic 「…を確認してください」', () => {
    expect(problemFromCode('invalid', {})).to.equal(undefined);
    expect(problemFromCode(undefined)).to.equal(undefined);
  });
});
