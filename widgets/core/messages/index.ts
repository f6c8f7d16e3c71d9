/** What the message elements share: the live stream and the shapes of conversations and messages. */
export { hasMessages, messagingToken, MessageStream, type Conversation, type Message, type StreamOptions } from './stream.js';
