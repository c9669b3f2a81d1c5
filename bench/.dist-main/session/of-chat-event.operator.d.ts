import { type OperatorFunction } from 'rxjs';
import type { ChatEvent, ChatEventName } from '../protocol/chat-event.interface.js';
/**
 * Narrows a stream of chat events to the named kinds, typed:
 * `events.events$.pipe(ofChatEvent('stream_token'))` gives `ChatEvent<'stream_token'>`.
 */
export declare function ofChatEvent<K extends ChatEventName>(...names: [K, ...K[]]): OperatorFunction<ChatEvent, ChatEvent<K>>;
