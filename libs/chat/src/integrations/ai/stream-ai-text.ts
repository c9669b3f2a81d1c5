import { streamText, type ToolSet } from 'ai';
import { Step } from '../../session/step.js';
import { errorMessage } from '../../errors/error-message.js';
import { runLlmCall } from '../openai/llm-call.js';
import type {
  LlmStreamOptions,
  LlmStreamResult,
  LlmToolCall,
} from '../openai/openai.interfaces.js';

/** What `streamText()` takes; `abortSignal` is joined with the session's signal. */
export type AiTextParams<TOOLS extends ToolSet = ToolSet> = Parameters<typeof streamText<TOOLS>>[0];

/** A tool's result, as the AI SDK ran it (`execute`). */
export interface AiToolResult {
  id: string;
  name: string;
  output: unknown;
  isError?: boolean;
}

export interface AiTextResult extends LlmStreamResult {
  toolResults: AiToolResult[];
  /** The AI SDK's own result (`response`, `steps`, ... — resolved once the stream ended). */
  result: ReturnType<typeof streamText>;
}

/** The call settings a step shows (never the model object, the tools or callbacks). */
const SETTINGS = [
  'temperature',
  'maxOutputTokens',
  'topP',
  'topK',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
  'stopSequences',
  'maxRetries',
  'toolChoice',
] as const;

/**
 * Runs the AI SDK's `streamText()` for a chat session: text deltas stream into an assistant
 * message, the call shows as an `llm` step (model, prompt, settings, token counts, timings), each
 * tool call as a `tool` step under it with its result, usage is reported (`token_usage`), and
 * the session's signal is the call's `abortSignal`, so Stop ends it with what arrived.
 */
export function streamAiText<TOOLS extends ToolSet = ToolSet>(
  params: AiTextParams<TOOLS>,
  options: LlmStreamOptions = {},
): Promise<AiTextResult> {
  const { model } = params;
  const modelId = typeof model === 'string' ? model : model.modelId;
  const provider = typeof model === 'string' ? undefined : model.provider;
  const input = params.messages ?? params.prompt;
  const settings = Object.fromEntries(
    SETTINGS.flatMap((key) => (params[key] === undefined ? [] : [[key, params[key]]])),
  );
  let result: ReturnType<typeof streamText> | undefined;
  const toolResults: AiToolResult[] = [];
  return runLlmCall(
    {
      entry: 'nest-chat/ai',
      provider: provider ?? 'ai-sdk',
      model: modelId,
      input: params.system ? { system: params.system, input } : input,
      settings,
    },
    options,
    async (io) => {
      const abortSignal = params.abortSignal
        ? AbortSignal.any([params.abortSignal, io.signal])
        : io.signal;
      const stream = streamText({
        ...params,
        abortSignal,
        // Errors are thrown to the handler below; the SDK's default logs them to the console.
        onError: params.onError ?? (() => undefined),
      } as AiTextParams<TOOLS>);
      result = stream as unknown as ReturnType<typeof streamText>;
      const toolCalls: LlmToolCall[] = [];
      const toolSteps = new Map<string, Step>();
      let usage: LlmStreamResult['usage'];
      let finishReason: string | undefined;
      const endTool = async (id: string, output: unknown, isError = false) => {
        const step = toolSteps.get(id);
        toolSteps.delete(id);
        if (!step) return;
        step.output = typeof output === 'string' ? output : (JSON.stringify(output) ?? '');
        if (isError) step.isError = true;
        step.end = new Date().toISOString();
        await step.update();
      };
      // Each step's text (a call before tools, one after) is its own paragraph of the message.
      let wrote = false;
      let newStep = false;
      try {
        for await (const part of stream.fullStream) {
          switch (part.type) {
            case 'start-step':
              newStep = wrote;
              break;
            case 'text-delta':
              if (!part.text) break;
              io.token(newStep ? `\n\n${part.text}` : part.text);
              wrote = true;
              newStep = false;
              break;
            case 'tool-call': {
              const args = JSON.stringify(part.input ?? {});
              toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: args });
              const step = new Step(io.session, part.toolName, 'tool', {
                parentId: io.step?.id,
                language: 'json',
              });
              step.input = args;
              toolSteps.set(part.toolCallId, step);
              await step.send();
              break;
            }
            case 'tool-result':
              toolResults.push({ id: part.toolCallId, name: part.toolName, output: part.output });
              await endTool(part.toolCallId, part.output);
              break;
            case 'tool-error':
              toolResults.push({
                id: part.toolCallId,
                name: part.toolName,
                output: errorMessage(part.error),
                isError: true,
              });
              await endTool(part.toolCallId, errorMessage(part.error), true);
              break;
            case 'finish':
              finishReason = part.finishReason;
              usage = {
                input: part.totalUsage.inputTokens ?? 0,
                output: part.totalUsage.outputTokens ?? 0,
                total:
                  part.totalUsage.totalTokens ??
                  (part.totalUsage.inputTokens ?? 0) + (part.totalUsage.outputTokens ?? 0),
              };
              break;
            case 'error':
              throw part.error;
            default:
              break;
          }
        }
      } finally {
        // Stopped or failed mid-call: a tool that never answered ends as it stands.
        for (const id of toolSteps.keys()) {
          await endTool(id, io.signal.aborted ? 'Stopped' : '', true).catch(() => undefined);
        }
      }
      return { usage, toolCalls, finishReason };
    },
  ).then((outcome) => ({ ...outcome, toolResults, result: result! }));
}
