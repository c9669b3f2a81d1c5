/**
 * Builds a method decorator that appends `{ options }` under `key`. The built-in handler
 * decorators are made with it; so can custom ones.
 */
export function createChatHandlerDecorator(key, options) {
    return (target, propertyKey, descriptor) => {
        if (typeof descriptor?.value !== 'function') {
            throw new TypeError(`@${key}: "${String(propertyKey)}" is not a method; chat handler decorators go on methods`);
        }
        const existing = Reflect.getMetadata(key, descriptor.value) ?? [];
        Reflect.defineMetadata(key, [...existing, { options }], descriptor.value);
        return descriptor;
    };
}
//# sourceMappingURL=chat-handler.decorator.js.map