import { defineMessages } from '../core/index.js';
import { profileMessages } from '../core/members/index.js';

/**
 * What <alumni-sign-in> says before the profile view loads: signing in, the first-sign-in form, the
 * signed-in bar and the messages of each field check. One wording throughout: サインイン / サインアウト /
 * サインインコード in Japanese (as the sign-in mail says), Sign in / Sign out / sign-in code in English.
 */
export const signInMessages = defineMessages({
  ja: {
    ...profileMessages.ja,
    title: 'サインイン',
    intro: 'メールアドレスに届くサインインコード（6桁）でサインインします。初めての方はそのまま登録されます。',
    email: 'メールアドレス',
    sendCode: 'サインインコードを送る',
    code: 'サインインコード（6桁）',
    codeSent: '{email} にサインインコードを送りました。メールを開いて、10分以内に入力してください。',
    verify: 'サインイン',
    resend: 'コードを再送',
    otherEmail: '別のアドレスを使う',
    badEmail: '正しいメールアドレスを入力してください。',
    badCode: 'サインインコードが違うか、期限切れです。入力し直すか、コードを再送してください。',
    refused: 'このアドレスではサインインできません。在籍時のアドレスで試すか、会社にお問い合わせください。',
    signedInAs: '{name} さんとしてサインイン中',
    signedOutDone: 'サインアウトしました。',
    status_pending: '登録は承認待ちです。承認されるとメールでお知らせします。それまで名簿は使えませんが、プロフィールは入力できます。',
    status_rejected: '登録は承認されませんでした。',
    status_suspended: '登録は停止されています。',
    profile: 'プロフィール',
    welcome: 'ようこそ',
    welcomeHint: 'ほかのメンバーがあなたに気づけるよう、お名前を教えてください。そのほかの項目は、あとから「プロフィール」で追加できます。',
    welcomeGo: 'はじめる',
    acceptBox: 'プライバシーポリシー（版 {version}）に同意する',
  },
  en: {
    ...profileMessages.en,
    title: 'Sign in',
    intro: 'Sign in with a 6-digit sign-in code sent to your email. New here? This also signs you up.',
    email: 'Email',
    sendCode: 'Send sign-in code',
    code: 'Sign-in code (6 digits)',
    codeSent: 'We sent a sign-in code to {email}. Open the email and enter the code within 10 minutes.',
    verify: 'Sign in',
    resend: 'Send a new code',
    otherEmail: 'Use another email',
    badEmail: 'Please enter a valid email address.',
    badCode: 'Wrong or expired sign-in code. Try again or send a new one.',
    refused: 'This address cannot sign in here. Try the one you used at the company, or contact the company.',
    signedInAs: 'Signed in as {name}',
    signedOutDone: 'You are signed out.',
    status_pending: 'Your membership awaits approval; we will email you. Until then the directory is closed, but you can fill in your profile.',
    status_rejected: 'Your membership was not approved.',
    status_suspended: 'Your membership is suspended.',
    profile: 'Profile',
    welcome: 'Welcome',
    welcomeHint: 'Tell us your name so that other members recognise you. Add the rest later under “Profile”.',
    welcomeGo: 'Continue',
    acceptBox: 'I accept the privacy policy (version {version})',
  },
});

export type SignInKey = keyof typeof signInMessages.ja;
