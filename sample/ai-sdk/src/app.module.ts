// The Vercel AI SDK's streamText() through nest-chat/ai: the model asks for a tool, the tool
// runs, the model answers; the call and the tool show as steps, the answer streams. Offline: the
// model is the SDK's own test model (MockLanguageModelV3 from `ai/test`) playing a provider.
import { Injectable, Module } from '@nestjs/common';
import { simulateReadableStream, stepCountIs, tool } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { z } from 'zod';
import { ChatModule, OnMessage, type UserMessage } from 'nest-chat';
import { streamAiText } from 'nest-chat/ai';

type CallOptions = Parameters<MockLanguageModelV3['doStream']>[0];
type StreamPart =
  Awaited<ReturnType<MockLanguageModelV3['doStream']>>['stream'] extends ReadableStream<infer P>
    ? P
    : never;

const getWeather = tool({
  description: 'The weather in a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `Sunny and 24 °C in ${city}`,
});

const usage = {
  inputTokens: { total: 12, noCache: 12, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 8, text: 8, reasoning: 0 },
};

/**
 * A fake provider's model: it calls `get_weather` for the city the user names, then answers
 * with the tool's result, a few words at a time.
 */
export function weatherModel(): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    provider: 'fake-provider',
    modelId: 'fake-weather-model',
    doStream: async ({ prompt }: CallOptions) => {
      const last = prompt.at(-1);
      let parts: StreamPart[];
      if (last?.role === 'tool') {
        const output = last.content.find((part) => part.type === 'tool-result')?.output;
        const result = output?.type === 'text' ? output.value : JSON.stringify(output);
        const words = `Here is the forecast: ${result}.`.split(/(?<= )/);
        parts = [
          { type: 'text-start', id: 't' },
          ...words.map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
          { type: 'text-end', id: 't' },
          { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage },
        ];
      } else {
        const text = JSON.stringify(last?.content ?? '');
        const city = /\bin ([A-Z][\w-]*)/.exec(text)?.[1] ?? 'Paris';
        parts = [
          {
            type: 'tool-call',
            toolCallId: 'call_1',
            toolName: 'get_weather',
            input: JSON.stringify({ city }),
          },
          { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage },
        ];
      }
      return {
        stream: simulateReadableStream({
          chunks: [{ type: 'stream-start', warnings: [] }, ...parts],
          chunkDelayInMs: 30,
        }),
      };
    },
  });
}

@Injectable()
export class WeatherChat {
  @OnMessage()
  async reply(message: UserMessage): Promise<void> {
    // With a real provider: model: openai('gpt-4o-mini') (from @ai-sdk/openai), nothing else changes.
    await streamAiText({
      model: weatherModel(),
      system: 'You answer questions about the weather in one line.',
      prompt: message.content,
      tools: { get_weather: getWeather },
      stopWhen: stepCountIs(3),
    });
  }
}

@Module({ imports: [ChatModule.forRoot()], providers: [WeatherChat] })
export class AppModule {}
