/** What the list and thread templates read from the element, and the few helpers they share. */
import type { LocaleController } from '../../core/index.js';
import type { Conversation, Message } from '../../core/messages/index.js';
import type { MessagesKey } from '../messages.messages.js';

export interface View {
  i18n: LocaleController<MessagesKey>;
  uid: string;
}

/** The other people in a conversation, as one line. */
export function names(view: View, c: Conversation | undefined): string {
  const list = (c?.members ?? []).filter((m) => !m.left).map((m) => m.name || view.i18n.t('former'));
  return list.join(view.i18n.lang === 'ja' ? '、' : ', ') || view.i18n.t('nobody');
}

export function senderName(view: View, m: Message): string {
  return m.mine ? view.i18n.t('you') : (m.sender?.name ?? view.i18n.t('former'));
}

export function preview(view: View, m: Message | null): string {
  if (!m) return '';
  const text = m.removed ? view.i18n.t('removed') : m.body.replace(/\s+/g, ' ');
  return `${m.mine ? `${view.i18n.t('you')}: ` : ''}${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
}

/** Short and in the viewer's time zone: 11/22 16:10 (today: 16:10). */
export function when(view: View, iso: string): string {
  const d = new Date(iso);
  const today = d.toDateString() === new Date().toDateString();
  return d.toLocaleString(view.i18n.lang === 'ja' ? 'ja-JP' : 'en-US', { ...(today ? {} : { month: 'numeric', day: 'numeric' }), hour: '2-digit', minute: '2-digit' });
}
