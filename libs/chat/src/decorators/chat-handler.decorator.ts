/** Options every handler decorator accepts. */
export interface ChatHandlerOptions {
  /**
   * Handlers of one kind run one after the other, lowest `order` first; handlers with the same
   * order run in discovery order (module import order, then provider order, then method order).
   * @default 0
   */
  order?: number;
}

/** What a handler decorator stores on its method: one entry per application, so they stack. */
export interface ChatHandlerMetadata<O extends ChatHandlerOptions = ChatHandlerOptions> {
  options: O;
}

/**
 * A method decorator that accepts only a method callable with `Args`: a method whose parameters
 * do not take these arguments is a compile error; one that takes fewer of them is fine.
 * `@OnMessage()` is a `ChatHandlerDecorator<[message: UserMessage, session: ChatSession]>`.
 */
export type ChatHandlerDecorator<Args extends unknown[]> = <M extends (...args: Args) => unknown>(
  target: object,
  propertyKey: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void;

/**
 * Builds a method decorator that appends `{ options }` under `key`. The built-in handler
 * decorators are made with it; so can custom ones.
 */
export function createChatHandlerDecorator<O extends ChatHandlerOptions>(
  key: string,
  options: O,
): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    if (typeof descriptor?.value !== 'function') {
      throw new TypeError(
        `@${key}: "${String(propertyKey)}" is not a method; chat handler decorators go on methods`,
      );
    }
    const existing: ChatHandlerMetadata<O>[] = Reflect.getMetadata(key, descriptor.value) ?? [];
    Reflect.defineMetadata(key, [...existing, { options }], descriptor.value);
    return descriptor;
  };
}
