import { runLlmCall } from './llm-call.js';
/**
 * Streams a Chat Completions call into the chat: content deltas become tokens of an assistant
 * message, tool-call deltas are collected, usage is reported (`token_usage`) and returned.
 * Works with any OpenAI-compatible server the client points at.
 */
export function streamChatCompletion(client, params, options = {}) {
    const { messages, model } = params;
    return runLlmCall({ model, input: messages, settings: settingsOf(params) }, options, async (io) => {
        const stream = await client.chat.completions.create({
            ...params,
            stream: true,
            stream_options: { include_usage: true, ...params.stream_options },
        }, { signal: io.signal });
        const calls = new Map();
        let usage;
        let finishReason;
        for await (const chunk of stream) {
            if (chunk.usage) {
                usage = {
                    input: chunk.usage.prompt_tokens,
                    output: chunk.usage.completion_tokens,
                    total: chunk.usage.total_tokens,
                };
            }
            const choice = chunk.choices?.[0];
            if (!choice)
                continue;
            io.token(choice.delta?.content);
            for (const delta of choice.delta?.tool_calls ?? []) {
                const call = calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
                if (delta.id)
                    call.id = delta.id;
                if (delta.function?.name)
                    call.name += delta.function.name;
                if (delta.function?.arguments)
                    call.arguments += delta.function.arguments;
                calls.set(delta.index, call);
            }
            if (choice.finish_reason)
                finishReason = choice.finish_reason;
        }
        return { usage, toolCalls: [...calls.values()], finishReason };
    });
}
const NOT_SETTINGS = new Set(['messages', 'input', 'model', 'tools', 'stream', 'stream_options']);
/** The call's settings as a step shows them: model parameters only (no prompt, no tools). */
export function settingsOf(params) {
    return Object.fromEntries(Object.entries(params).filter(([key, value]) => !NOT_SETTINGS.has(key) && value !== undefined && typeof value !== 'function'));
}
//# sourceMappingURL=stream-chat-completion.js.map