import type { ChatSession } from '../session/chat-session.js';
import type { StepDict } from '../protocol/step.interface.js';
import type { ChatEventMap } from '../protocol/chat-event.interface.js';
import { WORKER_CHAT_EVENTS } from './worker-chat.js';

const MESSAGE_TYPES = new Set(['assistant_message', 'user_message', 'system_message']);

/**
 * The main thread's side of a worker task's chat (`workerChat()`): what the worker's messages and
 * steps send goes to the session, in order. Top-level steps nest under the step or user message
 * of the handler that started the task. A stream the worker left open (it was stopped, or
 * failed) ends as it stands when the task ends.
 */
export class WorkerChatBridge {
  private readonly streaming = new Map<string, StepDict>();
  private closed = false;

  constructor(
    private readonly session: ChatSession,
    private readonly rootParentId?: string,
  ) {}

  receive(event: { name?: unknown; data?: unknown }): void {
    const name = event?.name as keyof ChatEventMap;
    if (this.closed || !WORKER_CHAT_EVENTS.has(name)) return;
    let data = event.data as StepDict & { token?: string; isSequence?: boolean; isInput?: boolean };
    try {
      if (name === 'new_message' || name === 'stream_start' || name === 'update_message') {
        if (!data.parentId && !MESSAGE_TYPES.has(data.type) && this.rootParentId) {
          data = { ...data, parentId: this.rootParentId };
        }
        if (name === 'stream_start') this.streaming.set(data.id, { ...data });
        else if (name === 'update_message') this.streaming.delete(data.id);
      } else if (name === 'stream_token') {
        const streaming = this.streaming.get(data.id);
        if (streaming && !data.isInput && typeof data.token === 'string') {
          streaming.output = data.isSequence ? data.token : streaming.output + data.token;
        }
      } else if (name === 'delete_message') this.streaming.delete(data.id);
      this.session.emit(name, data as never);
    } catch {
      // A closed session, or what it refuses: the worker goes on.
    }
  }

  /** The task is over: streams still open end with what they had. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const dict of this.streaming.values()) {
      try {
        this.session.emit('update_message', { ...dict, streaming: false });
      } catch {
        // See receive().
      }
    }
    this.streaming.clear();
  }
}
