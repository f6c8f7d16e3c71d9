/**
 * Every kind of mail a member can turn off, with its choices and default. Transactional mail (sign-in
 * codes, approval, a registration's confirmation, a message sent to you) is not here: it always goes.
 */
export const notificationTopics = {
  'events.reminders': { values: ['on', 'off'], default: 'on' },
  'jobs.alerts': { values: ['on', 'off'], default: 'off' },
  'jobs.offers': { values: ['on', 'off'], default: 'on' },
  'feed.replies': { values: ['on', 'off'], default: 'on' },
  'feed.relay': { values: ['on', 'off'], default: 'on' },
  'feed.digest': { values: ['weekly', 'never'], default: 'weekly' },
  'messages.unread': { values: ['on', 'off'], default: 'on' },
} as const satisfies Record<string, { values: readonly string[]; default: string }>;

export type NotificationTopic = keyof typeof notificationTopics;
export const topicNames = Object.keys(notificationTopics) as NotificationTopic[];

/** The value that stops a topic's mail (what one-click unsubscribe sets). */
export const offValue = (topic: NotificationTopic): string => (notificationTopics[topic].values as readonly string[]).at(-1)!;
