import type { StoredElement } from '../protocol/chat-store.interface.js';
/** Where the bytes of a stored element are served, under the app's path root. */
export declare function storedElementUrl(root: string, threadId: string, elementId: string): string;
/**
 * The thread with a `url` on each element whose bytes the store keeps (it has a `chainlitKey`
 * and no URL of its own): the client shows a reopened image or file from there.
 */
export declare function withElementUrls<T extends {
    id: string;
    elements: Omit<StoredElement, 'content'>[];
}>(thread: T, root: string): T;
