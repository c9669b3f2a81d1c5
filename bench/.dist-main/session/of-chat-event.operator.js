import { filter } from 'rxjs';
/**
 * Narrows a stream of chat events to the named kinds, typed:
 * `events.events$.pipe(ofChatEvent('stream_token'))` gives `ChatEvent<'stream_token'>`.
 */
export function ofChatEvent(...names) {
    const wanted = new Set(names);
    return filter((event) => wanted.has(event.name));
}
//# sourceMappingURL=of-chat-event.operator.js.map