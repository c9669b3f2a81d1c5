import type { ChatSession } from './chat-session.js';
import { BaseStep } from './base-step.js';
import type { StepOptions, StepType } from '../protocol/step.interface.js';

/**
 * A step of the assistant's work (a run, a tool call, an LLM call), shown nested under its
 * parent. Made by `session.step(name, type, fn)`, which sends it, times it and ends it.
 */
export class Step extends BaseStep {
  /** @internal made by `ChatSession.step()` */
  constructor(session: ChatSession, name: string, type: StepType, options: StepOptions = {}) {
    super(session, type, name, '', options);
  }
}
