import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ContextIdFactory, DiscoveryService, MetadataScanner, ModuleRef } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import type { ChatSession } from '../session/chat-session.js';
import type { ChatHandler, ChatHandlerKind } from './chat-handler.interface.js';
import { CHAT_HANDLER_KEYS, ChatMetadataAccessor } from './chat-metadata.accessor.js';

type Method = (...args: unknown[]) => unknown;

/**
 * Finds the decorated handler methods on every provider and controller at `onModuleInit` and
 * keeps them by kind, in the order they run.
 */
@Injectable()
export class ChatExplorer implements OnModuleInit {
  private readonly logger = new Logger('ChatModule');
  private readonly handlers = new Map<ChatHandlerKind, ChatHandler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: ChatMetadataAccessor,
    private readonly moduleRef: ModuleRef,
  ) {}

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
    if (wrapper.isDependencyTreeStatic()) {
      const method = instance[methodName];
      return {
        kind,
        name,
        options,
        invoke: async (_session, args) => method.apply(instance, args),
      };
    }
    // Request-scoped: one instance per chat session; REQUEST is the ChatSession.
    return {
      kind,
      name,
      options,
      invoke: async (session, args) => {
        const scoped = (await this.resolveForSession(wrapper, session)) as Record<string, Method>;
        return scoped[methodName].apply(scoped, args);
      },
    };
  }

  private async resolveForSession(
    wrapper: InstanceWrapper,
    session: ChatSession,
  ): Promise<unknown> {
    const cached = session.internal.scoped.get(wrapper);
    if (cached) return cached;
    let contextId = session.internal.contextId;
    if (!contextId) {
      contextId = ContextIdFactory.create();
      this.moduleRef.registerRequestByContextId(session, contextId);
      session.internal.contextId = contextId;
    }
    const instance = await this.moduleRef.resolve(wrapper.token as Method, contextId, {
      strict: false,
    });
    if (!session.ended) session.internal.scoped.set(wrapper, instance);
    return instance;
  }
}
