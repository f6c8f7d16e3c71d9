/** Languages every widget speaks. */
export type Lang = 'ja' | 'en';
export const DEFAULT_LANG: Lang = 'ja';

/** One dictionary per language with the same keys; `{name}` placeholders are filled by `t()`. */
export interface MessageBundle<K extends string> {
  ja: Record<K, string>;
  en: Record<K, string>;
}

/** Identity function that makes TypeScript check both languages have exactly the same keys. */
export function defineMessages<K extends string>(bundle: MessageBundle<K>): MessageBundle<K> {
  return bundle;
}

export const coreMessages = defineMessages({
  ja: {
    loading: '読み込み中…',
    empty: '表示できる項目はまだありません。',
    retry: '再読み込み',
    errorTitle: '読み込めませんでした',
    signedOut: 'この内容を見るにはサインインしてください。',
    signOut: 'サインアウト',
    free: '無料',
    noLimit: '定員なし',
    back: '戻る',
    close: '閉じる',
    loadMore: 'さらに表示',
    localTime: '現地時間',
    'error.network': 'サーバーに接続できません。通信環境を確認してください。',
    'error.config': '設定に問題があります。サイト管理者にお知らせください。',
    'error.origin_not_allowed': 'このページからの利用が許可されていません。サイト管理者にお知らせください。',
    'error.unauthenticated': 'もう一度サインインしてください。',
    'error.signed_out': 'サインインしてください。',
    'error.forbidden': 'この操作は許可されていません。',
    'error.not_found': '見つかりませんでした。',
    'error.validation_failed': '入力内容を確認してください。',
    'error.conflict': '現在この操作はできません。',
    'error.rate_limited': 'しばらく待ってからお試しください。',
    'error.server': 'サーバーエラーです。しばらくしてからお試しください。',
    'error.unknown': 'エラーが発生しました（{status}）。',
  },
  en: {
    loading: 'Loading…',
    empty: 'Nothing to show yet.',
    retry: 'Try again',
    errorTitle: 'Could not load',
    signedOut: 'Please sign in to see this.',
    signOut: 'Sign out',
    free: 'Free',
    noLimit: 'No limit',
    back: 'Back',
    close: 'Close',
    loadMore: 'Show more',
    localTime: 'Local time',
    'error.network': "Can't reach the server. Check your connection.",
    'error.config': 'Setup problem. Please tell the site’s administrator.',
    'error.origin_not_allowed': 'This page is not allowed to use the alumni network. Please tell the site’s administrator.',
    'error.unauthenticated': 'Please sign in again.',
    'error.signed_out': 'Please sign in.',
    'error.forbidden': 'You are not allowed to do this.',
    'error.not_found': 'Not found.',
    'error.validation_failed': 'Please check your input.',
    'error.conflict': 'This cannot be done right now.',
    'error.rate_limited': 'Too many attempts. Please wait a moment.',
    'error.server': 'Server error. Please try again later.',
    'error.unknown': 'Something went wrong ({status}).',
  },
});

export type CoreKey = keyof typeof coreMessages.ja;

/** `ja-JP` → ja, `en-GB` → en; another declared language → en (more readers share it); nothing → undefined. */
export function normalizeLang(value: string | null | undefined): Lang | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (v === 'ja' || v.startsWith('ja-')) return 'ja';
  return 'en';
}

/**
 * The element's language: its own `lang`, else the closest ancestor's (crossing shadow roots, so a
 * widget inside another widget follows it), else `<html lang>`, else Japanese.
 */
export function resolveLang(el: Element): Lang {
  let current: Element | null = el;
  while (current) {
    const withLang: Element | null = current.closest('[lang]');
    const found = normalizeLang(withLang?.getAttribute('lang'));
    if (found) return found;
    const root: Node = (withLang ?? current).getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return DEFAULT_LANG;
}

export type Vars = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown placeholder is left visible rather than dropped. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Looks a key up in the element's own bundle first, then in the core one. */
export function translate<K extends string>(lang: Lang, key: K | CoreKey, vars?: Vars, extra?: MessageBundle<K>): string {
  const own = extra?.[lang] as Record<string, string> | undefined;
  const core = coreMessages[lang] as Record<string, string>;
  return interpolate(own?.[key] ?? core[key] ?? key, vars);
}
