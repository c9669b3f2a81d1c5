import { runLlmCall } from './llm-call.js';
import { settingsOf } from './stream-chat-completion.js';
/**
 * Streams a Responses API call into the chat: `response.output_text.delta` events become
 * tokens; function calls and usage come from `response.completed`.
 */
export function streamResponse(client, params, options = {}) {
    const { input, model } = params;
    return runLlmCall({ model: String(model), input, settings: settingsOf(params) }, options, async (io) => {
        const stream = await client.responses.create({ ...params, stream: true }, { signal: io.signal });
        let result = {
            toolCalls: [],
        };
        for await (const event of stream) {
            if (event.type === 'response.output_text.delta')
                io.token(event.delta);
            else if (event.type === 'response.completed' || event.type === 'response.incomplete') {
                const { usage, output, status } = event.response;
                result = {
                    usage: usage && {
                        input: usage.input_tokens,
                        output: usage.output_tokens,
                        total: usage.total_tokens,
                    },
                    toolCalls: output.flatMap((item) => item.type === 'function_call'
                        ? [{ id: item.call_id, name: item.name, arguments: item.arguments }]
                        : []),
                    finishReason: status,
                };
            }
            else if (event.type === 'response.failed') {
                throw new Error(event.response.error?.message ?? 'The response failed');
            }
            else if (event.type === 'error') {
                throw new Error(event.message);
            }
        }
        return result;
    });
}
//# sourceMappingURL=stream-response.js.map