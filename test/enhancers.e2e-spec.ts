import {
  type ArgumentMetadata,
  BadRequestException,
  type CallHandler,
  type CanActivate,
  Catch,
  type ExceptionFilter,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  type NestInterceptor,
  type PipeTransform,
  Scope,
  UseFilters,
  UseGuards,
  UseInterceptors,
  UsePipes,
  type ArgumentsHost,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import {
  type Action,
  type ChatContextType,
  chatContextOf,
  ChatSession,
  OnAction,
  OnChatStart,
  OnMessage,
  TASK_STOPPED_MESSAGE,
  tokensOf,
  type UserMessage,
} from 'nest-chat';
import { map, type Observable, of } from 'rxjs';
import {
  clientTracker,
  identityHeaders,
  type ReceivedEvent,
  WAIT_MS,
  waitUntil,
} from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';

/** JSON to a route, with the identity cookie of the client that opened `body.sessionId`. */
const postJson = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...identityHeaders(String((body as { sessionId?: unknown }).sessionId)),
    },
    body: JSON.stringify(body),
  });

/** The text a stream left on the client: its `stream_start` output and every token after it. */
function streamedText(events: ReceivedEvent[]): string {
  const start = events.find((e) => e.name === 'stream_start')!;
  const tokens = events.filter((e) => e.name === 'stream_token' && e.data.id === start.data.id);
  return start.data.output + tokens.map((e) => e.data.token).join('');
}

const messages = (events: ReceivedEvent[]) =>
  events
    .filter((e) => e.name === 'new_message')
    .map((e) => ({ output: e.data.output, isError: e.data.isError === true }));

// ---------------------------------------------------------------------------------------------
// Guards

/**
 * The app's global guard (APP_GUARD): in a chat context, no message starting with "blocked";
 * it notes which handler it let through, so the handler can say so.
 */
@Injectable()
class ChatGate implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType<ChatContextType>() !== 'chat') return true;
    const { session, message } = chatContextOf(context);
    if (message?.content.startsWith('blocked')) return false;
    session.set('checked', `${context.getClass().name}#${context.getHandler().name}`);
    return true;
  }
}

/** A local guard that throws: only admins may deploy. */
@Injectable()
class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const message = context.getArgByIndex<UserMessage>(0);
    const session = context.getArgByIndex<ChatSession>(1);
    if (!message.content.startsWith('deploy') || session.env.role === 'admin') return true;
    throw new ForbiddenException('Only admins may deploy');
  }
}

@Injectable()
class GuardedBot {
  @OnChatStart()
  start(session: ChatSession) {
    return session.send(`Hi! (checked: ${session.get('checked')})`, {
      actions: [{ name: 'remove', label: 'Remove', payload: {} }],
    });
  }

  @OnMessage()
  @UseGuards(AdminGuard)
  reply(message: UserMessage, session: ChatSession): string {
    return `${message.content}: done (checked: ${session.get('checked')})`;
  }

  @OnAction('remove')
  remove(action: Action) {
    return `removed ${action.name}`;
  }
}

/** Global: refuses the "remove" action's handler, and nothing else. */
@Injectable()
class NoRemoving implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType<ChatContextType>() !== 'chat') return true;
    return (chatContextOf(context).payload as Action | undefined)?.name !== 'remove';
  }
}

// ---------------------------------------------------------------------------------------------
// Interceptors

/** Upper-cases each string the handler's Observable emits: every token of a stream. */
@Injectable()
class UppercaseInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(map((value) => (typeof value === 'string' ? value.toUpperCase() : value)));
  }
}

/** Global (APP_INTERCEPTOR): hides the word "secret" in whatever reaches the user. */
@Injectable()
class RedactInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<ChatContextType>() !== 'chat') return next.handle();
    return next
      .handle()
      .pipe(
        map((value) => (typeof value === 'string' ? value.replace(/secret/gi, '******') : value)),
      );
  }
}

/** Records what the interceptors' streams did, for the Stop test. */
@Injectable()
class StreamProbe {
  readonly closed: string[] = [];
}

@Injectable()
@UseInterceptors(UppercaseInterceptor)
class LoudBot {
  constructor(private readonly probe: StreamProbe) {}

  @OnMessage()
  reply(message: UserMessage, session: ChatSession) {
    const [kind, ...rest] = message.content.split(' ');
    const text = rest.join(' ');
    if (kind === 'iterable') return tokensOf(text);
    if (kind === 'observable') return of(...text.split(''));
    if (kind === 'string') return text;
    if (kind === 'slow') return this.slow(session);
    return undefined;
  }

  private async *slow(session: ChatSession): AsyncGenerator<string> {
    try {
      for (let i = 0; !session.signal.aborted; i++) {
        yield `tick${i} `;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      this.probe.closed.push(session.id);
    }
  }
}

/** Request-scoped, with a class interceptor: one instance per session, enhancers and all. */
@Injectable({ scope: Scope.REQUEST })
@UseInterceptors(UppercaseInterceptor)
class ScopedLoudBot {
  private count = 0;

  @OnMessage()
  reply(message: UserMessage): string | undefined {
    if (!message.content.startsWith('count')) return undefined;
    this.count += 1;
    return `count ${this.count}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Exception filters

class QuotaError extends Error {}

/** Turns any error of its handlers into a friendly answer: what it returns is sent. */
@Catch()
class FriendlyFilter implements ExceptionFilter {
  catch(error: Error): string {
    return `Sorry, that did not work (${error.message}). Please try again.`;
  }
}

/** Global (APP_FILTER), for one error type: tells the user itself and returns nothing. */
@Catch(QuotaError)
class QuotaFilter implements ExceptionFilter {
  async catch(error: QuotaError, host: ArgumentsHost): Promise<void> {
    const { session, message } = chatContextOf(host);
    await session.send(`Quota reached: "${message?.content}" was not answered (${error.message})`);
  }
}

/** A guard that throws for messages about secrets. */
@Injectable()
class NoSecrets implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (chatContextOf(context).message?.content.includes('secret')) {
      throw new ForbiddenException('No secrets here');
    }
    return true;
  }
}

@Injectable()
class FailingBot {
  @OnMessage()
  @UseGuards(NoSecrets)
  @UseFilters(FriendlyFilter)
  async friendly(message: UserMessage) {
    if (message.content === 'fail') throw new Error('the model is down');
    if (message.content === 'fail mid-stream') return this.failing();
    return undefined;
  }

  @OnMessage()
  quota(message: UserMessage): string | undefined {
    if (message.content === 'quota') throw new QuotaError('100 messages a day');
    if (message.content === 'crash') throw new Error('unfiltered crash');
    return undefined;
  }

  private async *failing(): AsyncGenerator<string> {
    yield 'partial ';
    await new Promise((resolve) => setTimeout(resolve, 10));
    throw new Error('the stream broke');
  }
}

// ---------------------------------------------------------------------------------------------
// Pipes

/** Global (APP_PIPE): refuses an empty message, trims the others. Never given the session. */
@Injectable()
class TrimPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (value instanceof ChatSession) throw new TypeError('a pipe was given the session');
    if (metadata.type !== 'body') throw new TypeError(`a pipe was given a ${metadata.type}`);
    const message = value as UserMessage;
    if (typeof message?.content !== 'string') return value;
    if (message.content.trim() === '') throw new BadRequestException('The message is empty');
    return { ...message, content: message.content.trim() };
  }
}

/** Hides long digit runs (card numbers) before the handler sees the message. */
class RedactDigitsPipe implements PipeTransform<UserMessage, UserMessage> {
  transform(message: UserMessage): UserMessage {
    return { ...message, content: message.content.replace(/\d{4,}/g, '####') };
  }
}

@Injectable()
class PipedBot {
  @OnChatStart()
  start(session: ChatSession) {
    return session.send('ready');
  }

  @OnMessage()
  @UsePipes(RedactDigitsPipe)
  reply(message: UserMessage): string {
    return `got [${message.content}]`;
  }
}

// ---------------------------------------------------------------------------------------------

describe('Nest enhancers on chat handlers', () => {
  let server: TestApp;
  const clients = clientTracker();

  /** Connects with `role` in the user env. */
  const connect = (role = 'user', sessionId = crypto.randomUUID()) =>
    clients.connect(server.url, {
      sessionId,
      auth: {
        clientType: 'webapp',
        sessionId,
        threadId: '',
        userEnv: JSON.stringify({ role }),
        chatProfile: '',
      },
    });

  afterEach(async () => {
    clients.closeAll();
    await server.close();
  });

  describe('guards', () => {
    beforeEach(async () => {
      server = await startApp({
        providers: [{ provide: APP_GUARD, useClass: ChatGate }, AdminGuard, GuardedBot],
      });
    }, 60_000);

    it('runs a global APP_GUARD on every handler, also those without @UseGuards (chat start)', async () => {
      const client = await connect();
      const hi = await client.waitFor((e) => e.name === 'new_message');
      expect(hi.data.output).toBe('Hi! (checked: GuardedBot#start)');
      const events = await client.ask('hello');
      expect(messages(events)).toEqual([
        { output: 'hello: done (checked: GuardedBot#reply)', isError: false },
      ]);
    });

    it('runs a guard given to app.useGlobalGuards() the same way', async () => {
      await server.close();
      server = await startApp(
        { providers: [AdminGuard, GuardedBot] },
        {},
        { configure: (app) => app.useGlobalGuards(new ChatGate()) },
      );
      const client = await connect();
      const hi = await client.waitFor((e) => e.name === 'new_message');
      expect(hi.data.output).toBe('Hi! (checked: GuardedBot#start)');
      await client.next('task_end', client.events.indexOf(hi));
      expect(messages(await client.ask('blocked'))).toEqual([
        { output: 'Forbidden resource', isError: true },
      ]);
    });

    it('does not run a handler its global guard refuses: the user gets an error message "Forbidden resource"', async () => {
      const client = await connect();
      await client.next('task_end', 2);
      const events = await client.ask('blocked words');
      expect(events.map((e) => e.name)).toEqual(['task_start', 'new_message', 'task_end']);
      expect(events[1].data).toMatchObject({
        name: 'Error',
        output: 'Forbidden resource',
        isError: true,
      });
      // The next message goes through as usual.
      expect(messages(await client.ask('hello again'))).toEqual([
        { output: 'hello again: done (checked: GuardedBot#reply)', isError: false },
      ]);
    });

    it('shows the error of a local guard that throws, and runs the handler when it lets the message through', async () => {
      const user = await connect('user');
      await user.next('task_end', 2);
      expect(messages(await user.ask('deploy now'))).toEqual([
        { output: 'Only admins may deploy', isError: true },
      ]);
      const admin = await connect('admin');
      await admin.next('task_end', 2);
      expect(messages(await admin.ask('deploy now'))).toEqual([
        { output: 'deploy now: done (checked: GuardedBot#reply)', isError: false },
      ]);
    });

    it('guards @OnAction handlers too: a refused click answers { success: false, response: "Forbidden resource" }', async () => {
      await server.close();
      server = await startApp({
        providers: [{ provide: APP_GUARD, useClass: NoRemoving }, AdminGuard, GuardedBot],
      });
      const client = await connect();
      const action = (await client.waitFor((e) => e.name === 'action')).data;
      const from = client.events.length;
      const res = await postJson(`${server.url}/project/action`, {
        sessionId: client.sessionId,
        action,
      });
      expect(await res.json()).toEqual({ success: false, response: 'Forbidden resource' });
      const error = await client.waitFor((e) => e.name === 'new_message', WAIT_MS, from);
      expect(error.data).toMatchObject({ output: 'Forbidden resource', isError: true });
    });
  });

  describe('interceptors', () => {
    let probe: StreamProbe;

    beforeEach(async () => {
      server = await startApp({
        providers: [
          { provide: APP_INTERCEPTOR, useClass: RedactInterceptor },
          StreamProbe,
          LoudBot,
          ScopedLoudBot,
        ],
      });
      probe = server.app.get(StreamProbe);
    }, 60_000);

    it('maps each token of a returned AsyncIterable, and the client sees the mapped stream', async () => {
      const client = await clients.connect(server.url);
      await client.next('clear_ask', 0);
      const events = await client.ask('iterable my secret plan');
      expect(events.map((e) => e.name)).toEqual(
        expect.arrayContaining(['task_start', 'stream_start', 'update_message', 'task_end']),
      );
      expect(events.filter((e) => e.name === 'new_message')).toEqual([]);
      expect(streamedText(events)).toBe('MY ****** PLAN');
      const final = events.find((e) => e.name === 'update_message')!.data;
      expect(final).toMatchObject({ output: 'MY ****** PLAN', streaming: false });
    });

    it('maps each token of a returned Observable, local interceptor inside the global one', async () => {
      const client = await clients.connect(server.url);
      await client.next('clear_ask', 0);
      const events = await client.ask('observable abc');
      expect(streamedText(events)).toBe('ABC');
      expect(events.find((e) => e.name === 'update_message')!.data.output).toBe('ABC');
    });

    it('keeps a returned string one message, mapped', async () => {
      const client = await clients.connect(server.url);
      await client.next('clear_ask', 0);
      const events = await client.ask('string a secret');
      expect(events.map((e) => e.name)).toEqual(['task_start', 'new_message', 'task_end']);
      expect(events[1].data.output).toBe('A ******');
    });

    it('intercepts the handlers of a request-scoped provider, one instance per session', async () => {
      const a = await clients.connect(server.url);
      const b = await clients.connect(server.url);
      await a.next('clear_ask', 0);
      await b.next('clear_ask', 0);
      expect(messages(await a.ask('count'))).toEqual([{ output: 'COUNT 1', isError: false }]);
      expect(messages(await a.ask('count'))).toEqual([{ output: 'COUNT 2', isError: false }]);
      expect(messages(await b.ask('count'))).toEqual([{ output: 'COUNT 1', isError: false }]);
    });

    it('stops an intercepted stream: it ends as the client has it, its source is closed, then the stop message and task_end', async () => {
      const client = await clients.connect(server.url);
      await client.next('clear_ask', 0);
      const from = client.events.length;
      client.send('slow');
      const stream = (await client.next('stream_start', from)).data;
      expect(stream.output).toBe('TICK0 ');
      await client.waitFor((e) => e.name === 'stream_token', WAIT_MS, from);
      const stopAt = client.events.length;
      client.socket.emit('stop');
      await client.next('task_end', stopAt);
      const after = client.events.slice(stopAt);
      const final = after.find((e) => e.name === 'update_message' && e.data.id === stream.id);
      expect(final?.data).toMatchObject({
        streaming: false,
        output: expect.stringMatching(/^TICK0 TICK1 /),
      });
      expect(after.find((e) => e.name === 'new_message')?.data.output).toBe(TASK_STOPPED_MESSAGE);
      expect(after.at(-1)!.name).toBe('task_end');
      // The handler's generator was told to finish (its finally ran): nothing streams on.
      await waitUntil(() => probe.closed.includes(client.sessionId), 'the stream source to close');
    });
  });

  describe('exception filters', () => {
    beforeEach(async () => {
      server = await startApp({
        providers: [{ provide: APP_FILTER, useClass: QuotaFilter }, FailingBot],
      });
    }, 60_000);

    it("sends what a handler's filter returns instead of the error", async () => {
      const client = await clients.connect(server.url);
      await client.next('task_end', 0);
      const events = await client.ask('fail');
      expect(messages(events)).toEqual([
        {
          output: 'Sorry, that did not work (the model is down). Please try again.',
          isError: false,
        },
      ]);
    });

    it("gives the filters a guard's error too: the user sees the friendly answer", async () => {
      const client = await clients.connect(server.url);
      await client.next('task_end', 0);
      expect(messages(await client.ask('tell me a secret'))).toEqual([
        { output: 'Sorry, that did not work (No secrets here). Please try again.', isError: false },
      ]);
    });

    it('lets a global filter answer through the session, for the errors it catches', async () => {
      const client = await clients.connect(server.url);
      await client.next('task_end', 0);
      expect(messages(await client.ask('quota'))).toEqual([
        {
          output: 'Quota reached: "quota" was not answered (100 messages a day)',
          isError: false,
        },
      ]);
      // An error no filter catches is reported as before.
      expect(messages(await client.ask('crash'))).toEqual([
        { output: 'unfiltered crash', isError: true },
      ]);
    });

    it('gives the filter an error that breaks a returned stream midway, after what was streamed', async () => {
      const client = await clients.connect(server.url);
      await client.next('task_end', 0);
      const events = await client.ask('fail mid-stream');
      const final = events.find((e) => e.name === 'update_message')!.data;
      expect(final).toMatchObject({ output: 'partial ', streaming: false });
      expect(messages(events)).toEqual([
        {
          output: 'Sorry, that did not work (the stream broke). Please try again.',
          isError: false,
        },
      ]);
      expect(events.indexOf(events.find((e) => e.name === 'update_message')!)).toBeLessThan(
        events.findIndex((e) => e.name === 'new_message'),
      );
    });
  });

  describe('pipes', () => {
    beforeEach(async () => {
      server = await startApp({
        providers: [{ provide: APP_PIPE, useClass: TrimPipe }, PipedBot],
      });
    }, 60_000);

    it('transforms the message with global and handler pipes before the handler sees it, never the session', async () => {
      const client = await clients.connect(server.url);
      // Chat start takes only the session: no pipe runs (TrimPipe would throw if given it).
      const ready = await client.waitFor((e) => e.name === 'new_message');
      expect(ready.data.output).toBe('ready');
      await client.next('task_end', client.events.indexOf(ready));
      expect(messages(await client.ask('  my card is 4111111111111111  '))).toEqual([
        { output: 'got [my card is ####]', isError: false },
      ]);
    });

    it('does not run the handler when a pipe throws: the user sees its error', async () => {
      const client = await clients.connect(server.url);
      await client.waitFor((e) => e.name === 'new_message');
      const events = await client.ask('   ');
      expect(messages(events)).toEqual([{ output: 'The message is empty', isError: true }]);
    });
  });
});
