import { withElementUrls } from './element-urls.js';
/**
 * Loads what a client that reopens `threadId` gets: the thread's completed steps, its elements
 * with the URL of their stored bytes (under the app's path `root`) and those bytes for the
 * session, if the store has it and it is `user`'s; otherwise the error the client gets
 * (`Thread not found.`, whatever the reason).
 */
export async function loadResume(store, threadId, user, root) {
    const thread = await store.getThread(threadId);
    const owner = thread?.userIdentifier ?? undefined;
    if (!thread || owner !== user?.identifier)
        return { error: 'Thread not found.' };
    const complete = thread.steps.filter((step) => !step.streaming);
    const files = [];
    for (const element of thread.elements) {
        if (!element.chainlitKey)
            continue;
        const stored = await store.getElement(element.id);
        if (!stored?.content)
            continue;
        const content = Buffer.from(stored.content);
        files.push({
            id: element.chainlitKey,
            name: element.name,
            mime: element.mime ?? 'application/octet-stream',
            size: content.length,
            content,
        });
    }
    return {
        thread: withElementUrls({ ...thread, steps: complete }, root),
        files,
        lost: complete.length < thread.steps.length || thread.metadata?.busy === true,
    };
}
//# sourceMappingURL=thread-resume.js.map