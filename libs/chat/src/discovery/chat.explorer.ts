import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  ContextIdFactory,
  DiscoveryService,
  ExternalContextCreator,
  MetadataScanner,
  ModuleRef,
} from '@nestjs/core';
import type { ContextId, InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import type { ChatSession } from '../session/chat-session.js';
import type { ChatHandler, ChatHandlerKind } from './chat-handler.interface.js';
import { CHAT_HANDLER_KEYS, ChatMetadataAccessor } from './chat-metadata.accessor.js';
import { ChatContextCreator, type EnhancedHandler } from './chat-context-creator.js';

type Method = (...args: unknown[]) => unknown;

/** The kinds of handler whose only argument is the session: pipes have nothing to transform. */
const SESSION_ONLY: ReadonlySet<ChatHandlerKind> = new Set([
  'chatStart',
  'chatEnd',
  'disconnect',
  'stop',
]);

/**
 * Finds the decorated handler methods on every provider and controller at `onModuleInit` and
 * keeps them by kind, in the order they run, each wrapped in its Nest enhancers (guards,
 * interceptors, pipes, exception filters; see `ChatContextCreator`).
 */
@Injectable()
export class ChatExplorer implements OnModuleInit {
  private readonly logger = new Logger('ChatModule');
  private readonly handlers = new Map<ChatHandlerKind, ChatHandler[]>();
  /** Each session's request-scoped handler instances, under one Nest context id. */
  private readonly scopes = new WeakMap<
    ChatSession,
    { contextId: ContextId; instances: Map<InstanceWrapper, unknown> }
  >();
  /** The enhanced methods of request-scoped instances, by method name. */
  private readonly scopedCalls = new WeakMap<object, Map<string, EnhancedHandler>>();
  private readonly enhancers: ChatContextCreator;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: ChatMetadataAccessor,
    private readonly moduleRef: ModuleRef,
    contextCreator: ExternalContextCreator,
  ) {
    this.enhancers = new ChatContextCreator(contextCreator);
  }

  onModuleInit(): void {
    this.explore();
  }

  /** The handlers of a kind, in the order they run. */
  get(kind: ChatHandlerKind): readonly ChatHandler[] {
    return this.handlers.get(kind) ?? [];
  }

  explore(): void {
    this.handlers.clear();
    const found: { handler: ChatHandler; index: number }[] = [];
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    for (const wrapper of wrappers) {
      const { instance } = wrapper;
      if (wrapper.isAlias || !instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      if (!prototype) continue;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        for (const kind of Object.keys(CHAT_HANDLER_KEYS) as ChatHandlerKind[]) {
          for (const { options } of this.accessor.getHandlerMetadata(kind, prototype[methodName])) {
            const handler = this.createHandler(wrapper, methodName, kind, options);
            if (handler) found.push({ handler, index: found.length });
          }
        }
      }
    }
    found.sort(
      (a, b) =>
        (a.handler.options.order ?? 0) - (b.handler.options.order ?? 0) || a.index - b.index,
    );
    for (const { handler } of found) {
      const list = this.handlers.get(handler.kind) ?? [];
      list.push(handler);
      this.handlers.set(handler.kind, list);
    }
  }

  private createHandler(
    wrapper: InstanceWrapper,
    methodName: string,
    kind: ChatHandlerKind,
    options: ChatHandler['options'],
  ): ChatHandler | undefined {
    const instance = wrapper.instance as Record<string, Method>;
    const name = `${instance.constructor?.name ?? String(wrapper.name)}#${methodName}`;
    if (wrapper.isTransient) {
      this.logger.warn(
        `Cannot register chat handler "${name}": it is defined in a transient provider. ` +
          'Make the provider a singleton, or request-scoped to get one instance per chat session.',
      );
      return undefined;
    }
    const payload = !SESSION_ONLY.has(kind);
    if (wrapper.isDependencyTreeStatic()) {
      const call = this.enhancers.create(instance, methodName, payload);
      return { kind, name, options, invoke: (_session, args, deliver) => call(args, deliver) };
    }
    // Request-scoped: one instance per chat session; REQUEST is the ChatSession.
    return {
      kind,
      name,
      options,
      invoke: async (session, args, deliver) => {
        const scoped = (await this.resolveForSession(wrapper, session)) as object;
        return this.scopedCall(scoped, methodName, payload, session)(args, deliver);
      },
    };
  }

  /** The enhanced method of a session's own instance, made on its first call. */
  private scopedCall(
    instance: object,
    methodName: string,
    payload: boolean,
    session: ChatSession,
  ): EnhancedHandler {
    let calls = this.scopedCalls.get(instance);
    if (!calls) this.scopedCalls.set(instance, (calls = new Map()));
    const key = `${payload ? 'payload' : 'session'}:${methodName}`;
    let call = calls.get(key);
    if (!call) {
      const contextId = this.scopes.get(session)?.contextId;
      call = this.enhancers.create(instance, methodName, payload, contextId);
      calls.set(key, call);
    }
    return call;
  }

  private async resolveForSession(
    wrapper: InstanceWrapper,
    session: ChatSession,
  ): Promise<unknown> {
    let scope = this.scopes.get(session);
    const cached = scope?.instances.get(wrapper);
    if (cached) return cached;
    if (!scope) {
      scope = { contextId: ContextIdFactory.create(), instances: new Map() };
      this.moduleRef.registerRequestByContextId(session, scope.contextId);
      this.scopes.set(session, scope);
    }
    const instance = await this.moduleRef.resolve(wrapper.token as Method, scope.contextId, {
      strict: false,
    });
    if (!session.ended) scope.instances.set(wrapper, instance);
    return instance;
  }

  /** Lets go of the request-scoped instances of a session that ended. */
  release(session: ChatSession): void {
    this.scopes.delete(session);
  }
}
