import { handlerContext } from '../session/handler-context.js';
const containers = new Set();
/**
 * An error nothing caught: thrown in a timer a handler started, or a promise it did not await.
 * Node runs this listener in the async context the error came from, so the handler context
 * tells whose it is. A chat session's error is contained (logged, the user told); any other
 * error ends the process as it would have without this listener, unless the app listens too.
 */
function onUncaught(error) {
    const session = handlerContext.getStore()?.session;
    if (session) {
        for (const contain of containers)
            if (contain(session, error))
                return;
    }
    if (process.listenerCount('uncaughtException') > 1)
        return; // the app's own listener decides
    process.removeListener('uncaughtException', onUncaught);
    process.nextTick(() => {
        throw error;
    });
}
/**
 * Contains the errors that escape chat handler code, for as long as the returned function is not
 * called (the app's lifetime): one process listener, whichever number of apps.
 */
export function containHandlerErrors(contain) {
    if (containers.size === 0)
        process.on('uncaughtException', onUncaught);
    containers.add(contain);
    return () => {
        containers.delete(contain);
        if (containers.size === 0)
            process.removeListener('uncaughtException', onUncaught);
    };
}
//# sourceMappingURL=handler-errors.js.map