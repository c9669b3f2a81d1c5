import type { StoredElement } from '../protocol/chat-store.interface.js';

/** Where the bytes of a stored element are served, under the app's path root. */
export function storedElementUrl(root: string, threadId: string, elementId: string): string {
  return `${root}/project/thread/${threadId}/element/${elementId}/content`;
}

/**
 * The thread with a `url` on each element whose bytes the store keeps (it has a `chainlitKey`
 * and no URL of its own): the client shows a reopened image or file from there.
 */
export function withElementUrls<
  T extends { id: string; elements: Omit<StoredElement, 'content'>[] },
>(thread: T, root: string): T {
  const elements = thread.elements.map((element) =>
    element.url || !element.chainlitKey
      ? element
      : { ...element, url: storedElementUrl(root, thread.id, element.id) },
  );
  return { ...thread, elements };
}
