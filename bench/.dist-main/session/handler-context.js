import { AsyncLocalStorage } from 'node:async_hooks';
/** The context of the handler code running now (an AsyncLocalStorage): `ChatContext` reads it. */
export const handlerContext = new AsyncLocalStorage();
//# sourceMappingURL=handler-context.js.map