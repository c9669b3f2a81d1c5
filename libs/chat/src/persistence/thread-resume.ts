import type { ChatStore } from '../protocol/chat-store.interface.js';
import type { ResumeState } from '../runtime/resume-state.js';
import type { SessionFile } from '../session/session-files.js';
import { withElementUrls } from './element-urls.js';

type ResumedThread = Extract<ResumeState, { thread: unknown }>['thread'];

/**
 * Loads what a client that reopens `threadId` gets: the thread's completed steps, its elements
 * with the URL of their stored bytes (under the app's path `root`) and those bytes for the
 * session, if the store has it and it is `owner`'s (a thread without an owner is no one's);
 * otherwise the error the client gets (`Thread not found.`, whatever the reason).
 */
export async function loadResume(
  store: ChatStore,
  threadId: string,
  owner: string,
  root: string,
): Promise<ResumeState> {
  const thread = await store.getThread(threadId);
  if (!thread || !thread.userIdentifier || thread.userIdentifier !== owner) {
    return { error: 'Thread not found.' };
  }
  const complete = thread.steps.filter((step) => !step.streaming);
  const files: SessionFile[] = [];
  for (const element of thread.elements) {
    if (!element.chainlitKey) continue;
    const stored = await store.getElement(element.id);
    if (!stored?.content) continue;
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
    thread: withElementUrls({ ...thread, steps: complete }, root) as ResumedThread,
    files,
    lost: complete.length < thread.steps.length || thread.metadata?.busy === true,
  };
}
