import 'reflect-metadata';
import {
  type ArgumentMetadata,
  type CallHandler,
  type CanActivate,
  Catch,
  type ExceptionFilter,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  type NestInterceptor,
  type PipeTransform,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
} from '@nestjs/common';
import { DiscoveryModule, type ExternalContextCreator } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { isObservable, map, type Observable, of, startWith, toArray, lastValueFrom } from 'rxjs';
import { OnAction } from '../decorators/on-action.decorator.js';
import { OnChatStart } from '../decorators/on-chat-start.decorator.js';
import { OnMessage } from '../decorators/on-message.decorator.js';
import { TaskStoppedError } from '../errors/task-stopped.error.js';
import type { Action } from '../protocol/action.interface.js';
import type { UserMessage } from '../protocol/step.interface.js';
import { ChatSession } from '../session/chat-session.js';
import type { ChatHandlerKind } from './chat-handler.interface.js';
import { ChatContextCreator } from './chat-context-creator.js';
import { ChatMetadataAccessor } from './chat-metadata.accessor.js';
import { ChatExplorer } from './chat.explorer.js';

const session = new ChatSession(
  { id: 's1', threadId: 't1', clientType: 'webapp', env: {} },
  { publish: () => {}, reportError: () => {}, assistantName: 'Assistant', taskOf: () => undefined },
);
const message = (content: string): UserMessage => ({
  id: 'm1',
  content,
  threadId: 't1',
  createdAt: '2025-01-01T00:00:00.000Z',
  files: [],
});

/** What the delivery received: a stream's tokens (as an array), or the value itself. */
async function delivered(
  kind: ChatHandlerKind,
  args: unknown[],
): Promise<{ value: unknown; stream?: unknown[] }> {
  let got: { value: unknown; stream?: unknown[] } | undefined;
  await handler(kind).invoke(session, args, async (value) => {
    got = isObservable(value)
      ? { value: 'stream', stream: await lastValueFrom(value.pipe(toArray())) }
      : { value };
  });
  return got!;
}

let explorer: ChatExplorer;
const handler = (kind: ChatHandlerKind) => explorer.get(kind)[0];
const ran: string[] = [];

async function explore(...providers: unknown[]) {
  ran.length = 0;
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [ChatExplorer, ChatMetadataAccessor, ...(providers as never[])],
  }).compile();
  await moduleRef.init();
  explorer = moduleRef.get(ChatExplorer);
}

/** Answers from its cache: the handler does not run. */
class CacheInterceptor implements NestInterceptor {
  intercept(): Observable<unknown> {
    return of('from the cache');
  }
}

/** Emits a prefix before the handler's first token. */
class PrefixInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(startWith('> '));
  }
}

class LabelInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((value) => ({ label: value })));
  }
}

describe('ChatContextCreator', () => {
  it('refuses, naming them, an ExternalContextCreator without the members it takes over', () => {
    expect(() => new ChatContextCreator({} as ExternalContextCreator)).toThrow(
      "nest-chat: this version of @nestjs/core's ExternalContextCreator has no " +
        'interceptorsConsumer, externalErrorProxy, createPipesFn, createGuardsFn; chat handlers ' +
        'cannot get their enhancers. Use the @nestjs/core version nest-chat declares.',
    );
  });

  describe('interceptors', () => {
    it('delivers what an interceptor answers without calling the handler, as a plain value', async () => {
      @Injectable()
      class Bot {
        @OnMessage()
        @UseInterceptors(CacheInterceptor)
        reply() {
          ran.push('reply');
          return of('never');
        }
      }
      await explore(Bot);
      expect(await delivered('message', [message('hi'), session])).toEqual({
        value: 'from the cache',
      });
      expect(ran).toEqual([]);
    });

    it('delivers, as one stream, what an interceptor emits before the first token and the tokens', async () => {
      @Injectable()
      class Bot {
        @OnMessage()
        @UseInterceptors(PrefixInterceptor)
        async *reply() {
          yield 'a';
          yield 'b';
        }
      }
      await explore(Bot);
      expect(await delivered('message', [message('hi'), session])).toEqual({
        value: 'stream',
        stream: ['> ', 'a', 'b'],
      });
    });

    it('delivers a stream that emits nothing as an empty stream, not as a value', async () => {
      @Injectable()
      class Bot {
        @OnMessage()
        @UseInterceptors(LabelInterceptor)
        reply() {
          return of<string>();
        }
      }
      await explore(Bot);
      expect(await delivered('message', [message('hi'), session])).toEqual({
        value: 'stream',
        stream: [],
      });
    });

    it("resolves an undelivered handler's result to the interceptors' last value (an action's response)", async () => {
      @Injectable()
      class Bot {
        @OnAction('rate')
        @UseInterceptors(LabelInterceptor)
        rate(action: Action) {
          return action.payload.stars;
        }
      }
      await explore(Bot);
      const action = { id: 'a', name: 'rate', payload: { stars: 5 }, label: 'Rate', forId: 'm' };
      await expect(handler('action').invoke(session, [action, session])).resolves.toEqual({
        label: 5,
      });
    });
  });

  describe('guards', () => {
    @Injectable()
    class No implements CanActivate {
      canActivate(): boolean {
        return false;
      }
    }

    it('rejects with ForbiddenException "Forbidden resource" and does not call the handler', async () => {
      @Injectable()
      class Bot {
        @OnMessage()
        @UseGuards(No)
        reply() {
          ran.push('reply');
        }
      }
      await explore(Bot);
      const call = handler('message').invoke(session, [message('hi'), session]);
      await expect(call).rejects.toThrow(new ForbiddenException('Forbidden resource'));
      expect(ran).toEqual([]);
    });

    it('gives guards a context of type "chat" with the handler, its class and its arguments', async () => {
      const seen: unknown[] = [];
      @Injectable()
      class Look implements CanActivate {
        canActivate(context: ExecutionContext): boolean {
          seen.push(context.getType(), context.getClass(), context.getHandler(), context.getArgs());
          return true;
        }
      }
      @Injectable()
      class Bot {
        @OnMessage()
        @UseGuards(Look)
        reply() {}
      }
      await explore(Bot);
      const args = [message('hi'), session];
      await handler('message').invoke(session, args);
      expect(seen).toEqual(['chat', Bot, Bot.prototype.reply, args]);
    });
  });

  describe('exception filters', () => {
    @Catch()
    class Everything implements ExceptionFilter {
      catch(error: Error) {
        ran.push(`filter: ${error.message}`);
        return undefined;
      }
    }

    it('handles an error a filter catches even when the filter returns nothing', async () => {
      @Injectable()
      class Bot {
        @OnMessage()
        @UseFilters(Everything)
        reply() {
          throw new Error('boom');
        }
      }
      await explore(Bot);
      await expect(handler('message').invoke(session, [message('hi'), session])).resolves.toBe(
        undefined,
      );
      expect(ran).toEqual(['filter: boom']);
    });

    it("gives a stopped task's TaskStoppedError to no filter: it goes on to the runtime", async () => {
      @Injectable()
      class Bot {
        @OnMessage()
        @UseFilters(Everything)
        reply() {
          throw new TaskStoppedError();
        }
      }
      await explore(Bot);
      const call = handler('message').invoke(session, [message('hi'), session]);
      await expect(call).rejects.toBeInstanceOf(TaskStoppedError);
      expect(ran).toEqual([]);
    });

    it('leaves an error its filters do not catch as it was', async () => {
      class Other extends Error {}
      @Catch(Other)
      class OnlyOther implements ExceptionFilter {
        catch() {
          ran.push('filter');
          return 'handled';
        }
      }
      @Injectable()
      class Bot {
        @OnMessage()
        @UseFilters(OnlyOther)
        reply() {
          throw new RangeError('out of range');
        }
      }
      await explore(Bot);
      const call = handler('message').invoke(session, [message('hi'), session]);
      await expect(call).rejects.toThrow(new RangeError('out of range'));
      expect(ran).toEqual([]);
    });
  });

  describe('pipes', () => {
    class RecordPipe implements PipeTransform {
      transform(value: unknown, metadata: ArgumentMetadata) {
        ran.push(`pipe ${metadata.type} ${String((metadata.metatype as { name?: string })?.name)}`);
        return value;
      }
    }

    it('gives a handler pipe the first argument as the body, with its declared type, and never the session', async () => {
      class Ask {
        content!: string;
      }
      @Injectable()
      @UsePipes(RecordPipe)
      class Bot {
        @OnMessage()
        reply(ask: Ask, _session: ChatSession) {
          ran.push(`reply ${ask.content}`);
        }

        @OnChatStart()
        start() {
          ran.push('start');
        }
      }
      await explore(Bot);
      await handler('message').invoke(session, [message('hi'), session]);
      await handler('chatStart').invoke(session, [session]);
      expect(ran).toEqual(['pipe body Ask', 'reply hi', 'start']);
    });
  });
});
