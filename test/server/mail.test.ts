import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { smtpMailer, type Mailer } from '../../server/core/mail/transport.js';
import { approvedMail, rejectedMail, signInCodeMail } from '../../server/core/mail/templates.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

describe('mail templates over real SMTP', () => {
  let smtp: TestSmtp;
  let mailer: Mailer;
  before(async () => {
    smtp = await startSmtp();
    mailer = smtpMailer(smtp.url, 'Homecoming <no-reply@homecoming.test>');
  });
  after(async () => {
    await mailer.close?.();
    await smtp.close();
  });

  it('sends the Japanese sign-in code with a Japanese subject, text and HTML', async () => {
    await mailer.send(signInCodeMail({ to: 'taro@example.jp', locale: 'ja', tenantName: 'ミライ製作所', code: '042917', minutes: 10 }));
    const mail = await smtp.waitFor((m) => m.to.includes('taro@example.jp'));
    assert.equal(mail.subject, '[ミライ製作所] サインインコード');
    assert.equal(mail.from, 'no-reply@homecoming.test');
    assert.match(mail.text, /ミライ製作所 アルムナイネットワークのサインインコードです。/);
    assert.match(mail.text, /042917/);
    assert.match(mail.text, /有効期限は10分/);
    assert.match(mail.html, /042917/);
  });

  it('sends the English sign-in code', async () => {
    await mailer.send(signInCodeMail({ to: 'jane@example.com', locale: 'en', tenantName: 'Mirai Works', code: '123456', minutes: 10 }));
    const mail = await smtp.waitFor((m) => m.to.includes('jane@example.com'));
    assert.equal(mail.subject, '[Mirai Works] Your sign-in code');
    assert.match(mail.text, /123456/);
    assert.match(mail.text, /expires in 10 minutes/);
  });

  it('escapes the tenant name and member name in the HTML part', async () => {
    const code = signInCodeMail({ to: 'x@example.jp', locale: 'ja', tenantName: '<script>alert(1)</script>&Co', code: '000001', minutes: 10 });
    assert.ok(!code.html!.includes('<script>'));
    assert.match(code.html!, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&amp;Co/);
    const approved = approvedMail({ to: 'x@example.jp', locale: 'en', tenantName: 'Mirai', name: '<b>Taro</b>' });
    assert.ok(!approved.html!.includes('<b>Taro'));
    assert.match(approved.text, /Hello <b>Taro<\/b>,/);
    const rejected = rejectedMail({ to: 'x@example.jp', locale: 'ja', tenantName: 'Mirai', name: '太郎', reason: '<i>在籍記録なし</i>' });
    assert.ok(!rejected.html!.includes('<i>'));
    assert.match(rejected.text, /理由: <i>在籍記録なし<\/i>/);
  });

  it('sends the approval notice in both languages', async () => {
    const ja = approvedMail({ to: 'a@example.jp', locale: 'ja', tenantName: 'ミライ製作所', name: '山田 太郎' });
    assert.equal(ja.subject, '[ミライ製作所] 参加が承認されました');
    assert.match(ja.text, /山田 太郎 様/);
    const en = approvedMail({ to: 'a@example.jp', locale: 'en', tenantName: 'Mirai', name: '', alumniPageUrl: 'https://careers.example.jp/alumni' });
    assert.equal(en.subject, '[Mirai] Your membership is approved');
    assert.match(en.text, /^Hello,$/m);
    assert.match(en.text, /https:\/\/careers\.example\.jp\/alumni/, 'leads to the alumni page');
    assert.match(en.html!, /<a href="https:\/\/careers\.example\.jp\/alumni">/);
  });

  it('never greets 「メンバー 様」: a member without a name is greeted without one', () => {
    const ja = approvedMail({ to: 'a@example.jp', locale: 'ja', tenantName: 'ミライ製作所', name: '' });
    assert.doesNotMatch(ja.text, /メンバー 様/);
    assert.match(ja.text, /^こんにちは。$/m);
  });
});
