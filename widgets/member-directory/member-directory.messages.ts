import { defineMessages } from '../core/index.js';
import { profileMessages } from '../core/members/index.js';

/** Everything <alumni-member-directory> says, with the shared profile field labels. */
export const directoryMessages = defineMessages({
  ja: {
    ...profileMessages.ja,
    signedOut: 'メンバー名簿は承認済みメンバーだけが見られます。ログインしてください。',
    goSignIn: 'ログインへ',
    pending: '登録は承認待ちです。承認されると名簿が見られます（メールでお知らせします）。',
    checkAgain: '再確認',
    keyword: 'キーワード',
    filters: '絞り込み',
    leftFrom: '退職年（から）',
    leftTo: '退職年（まで）',
    kind: '区分',
    anyKind: 'すべて',
    count: '{count}人',
    noMatch: '該当するメンバーはいません。',
    contact: 'メッセージを送る',
    message: '{name}さんへのメッセージ',
    chars: '{count}/1000文字',
    contactNote: 'あなたのアドレスは相手に知らされません。',
    send: '送信',
    sent: '送信しました。',
    rateLimited: '送信数の上限に達しました。時間をおいてお試しください。',
  },
  en: {
    ...profileMessages.en,
    signedOut: 'Only approved members can see the directory. Please sign in.',
    goSignIn: 'Sign in',
    pending: 'Your membership awaits approval. Once approved you can use the directory (we will email you).',
    checkAgain: 'Check again',
    keyword: 'Keyword',
    filters: 'Filters',
    leftFrom: 'Left from (year)',
    leftTo: 'Left until (year)',
    kind: 'Kind',
    anyKind: 'All',
    count: '{count} members',
    noMatch: 'No members match.',
    contact: 'Send a message',
    message: 'Message to {name}',
    chars: '{count}/1000 characters',
    contactNote: 'Your email address is not shown.',
    send: 'Send',
    sent: 'Sent.',
    rateLimited: 'Message limit reached. Please try again later.',
  },
});

export type DirectoryKey = keyof typeof directoryMessages.ja;
