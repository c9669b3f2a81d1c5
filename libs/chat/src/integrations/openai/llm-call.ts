import { handlerContext } from '../../session/handler-context.js';
import type { ChatSession } from '../../session/chat-session.js';
import type { Message } from '../../session/message.js';
import type { Step } from '../../session/step.js';
import type {
  LlmStreamOptions,
  LlmStreamResult,
  LlmToolCall,
  LlmUsage,
} from './openai.interfaces.js';

/** What a provider's stream reader gets: where tokens go, and the signal to pass on. */
export interface LlmIo {
  signal: AbortSignal;
  token(text: string | null | undefined): void;
  session: ChatSession;
  /** The call's `llm` step (for steps nested under it), unless `step: false`. */
  step?: Step;
}

/** What a provider's stream reader found besides the tokens. */
export interface LlmOutcome {
  usage?: LlmUsage;
  toolCalls: LlmToolCall[];
  finishReason?: string;
}

export interface LlmCallSpec {
  /** The entry point that makes the call, for its errors. @default 'nest-chat/openai' */
  entry?: string;
  /** Who serves the model. @default 'openai' */
  provider?: string;
  model: string;
  /** The prompt as the step shows it (messages, or a Responses input). */
  input: unknown;
  /** The call's settings (model parameters), never the client or its key. */
  settings: Record<string, unknown>;
}

/**
 * Runs one streamed LLM call for a session: tokens into a message, an `llm` step with what
 * Chainlit's instrumentation shows, usage reported, Stop honoured (the stream ends with what
 * arrived), errors thrown for the handler (the user gets them as an error message).
 */
export async function runLlmCall(
  spec: LlmCallSpec,
  options: LlmStreamOptions,
  read: (io: LlmIo) => Promise<LlmOutcome>,
): Promise<LlmStreamResult> {
  const session: ChatSession | undefined = options.session ?? handlerContext.getStore()?.session;
  if (!session) {
    throw new Error(
      `${spec.entry ?? 'nest-chat/openai'}: no chat session here; call it inside a chat handler or pass { session }`,
    );
  }
  const signal = options.signal ?? session.signal;
  const message: Message = options.message ?? session.message();
  const call = async (step?: Step): Promise<LlmStreamResult> => {
    const started = performance.now();
    let firstAt: number | undefined;
    let content = '';
    const io: LlmIo = {
      signal,
      session,
      step,
      token(text) {
        if (!text || signal.aborted) return;
        firstAt ??= performance.now();
        content += text;
        message.stream(text);
      },
    };
    let outcome: LlmOutcome = { toolCalls: [] };
    try {
      outcome = await read(io);
    } catch (error) {
      if (!signal.aborted) {
        if (message.streaming) await message.update();
        throw error;
      }
      // Stopped: the SDK may end its loop silently or throw; either way, keep what arrived.
    }
    const stopped = signal.aborted;
    if (message.streaming) await message.update();
    const seconds = (performance.now() - started) / 1000;
    const { usage, toolCalls, finishReason } = outcome;
    if (step) {
      step.output = content;
      step.generation = {
        provider: spec.provider ?? 'openai',
        model: spec.model,
        settings: spec.settings,
        ...(usage && {
          inputTokenCount: usage.input,
          outputTokenCount: usage.output,
          tokenCount: usage.total,
        }),
        ...(firstAt !== undefined && { ttFirstToken: Math.round(firstAt - started) }),
        ...(usage && seconds > 0 && { tokenThroughputInSeconds: usage.output / seconds }),
        duration: seconds,
        ...(toolCalls.length > 0 && { toolCalls }),
        ...(stopped && { stopped: true }),
      };
    }
    if (usage?.total) session.emit('token_usage', usage.total);
    return { content, usage, toolCalls, finishReason, stopped, message };
  };
  if (options.step === false) return call();
  const name = typeof options.step === 'string' ? options.step : spec.model;
  return session.step(name, 'llm', async (step) => {
    step.input = JSON.stringify(spec.input, null, 2);
    step.language = 'json';
    return call(step);
  });
}
