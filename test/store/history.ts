import { randomUUID } from 'node:crypto';
import type { ModuleMetadata } from '@nestjs/common';
import type { ChatModuleOptions, ChatStorageOption } from 'nest-chat';
import { type ChatClient, WAIT_MS } from '../utils/chat-client.js';
import { type HttpPlatform, startApp, type TestApp } from '../utils/test-app.js';

/** The messages as the client shows them in the end: each step's last full state, in order. */
export function clientView(client: ChatClient): Map<string, any> {
  const view = new Map<string, any>();
  for (const { name, data } of client.events) {
    if (name === 'new_message' || name === 'update_message' || name === 'stream_start') {
      view.set(data.id, data);
    } else if (name === 'delete_message') view.delete(data.id);
  }
  return view;
}

/** A user message as it is stored: what the client sent, as a step. */
export function userStep(threadId: string, id: string, output: string, createdAt: string) {
  return {
    id,
    threadId,
    name: 'User',
    type: 'user_message',
    output,
    createdAt,
    start: createdAt,
    end: createdAt,
  };
}

/** Sends a message and waits for its task to end; resolves with the message's id and time. */
export async function say(chat: ChatClient, text: string) {
  const id = randomUUID();
  const createdAt = new Date().toISOString();
  const from = chat.events.length;
  chat.send(text, { id, createdAt });
  const start = await chat.waitFor((e) => e.name === 'task_start', WAIT_MS, from);
  await chat.waitFor((e) => e.name === 'task_end', WAIT_MS, chat.events.indexOf(start));
  return { id, createdAt };
}

/** The thread id of the client's first interaction. */
export async function threadIdOf(chat: ChatClient): Promise<string> {
  return (await chat.waitFor((e) => e.name === 'first_interaction')).data.thread_id;
}

/** Starts an app that stores its chats (the module's `storage` option). */
export function startWithStorage(
  metadata: ModuleMetadata,
  storage: ChatStorageOption,
  options: ChatModuleOptions = {},
  platform?: HttpPlatform,
): Promise<TestApp> {
  return startApp(metadata, { ...options, storage }, { platform });
}

/** A conversation with HistoryBot, then what it stores: [type, output] of each step, in order. */
export const CONVERSATION = ['hello', 'stream 30', 'burst'];
export const CONVERSATION_STEPS = [
  ['assistant_message', 'Welcome!'],
  ['user_message', 'hello'],
  ['assistant_message', 'You said: hello'],
  ['user_message', 'stream 30'],
  ['assistant_message', Array.from({ length: 30 }, (_, i) => `t${i} `).join('')],
  ['user_message', 'burst'],
  ['assistant_message', 'first, edited'],
  ['assistant_message', 'alpha beta'],
  ['run', 'plan'],
  ['tool', 'two hits'],
  ['assistant_message', 'last'],
];
