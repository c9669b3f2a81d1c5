/** A function that cannot be sent to a worker (a bound, native or class function). */
export class AsyncifyFunctionError extends TypeError {
    constructor() {
        super(...arguments);
        this.name = 'AsyncifyFunctionError';
    }
}
//# sourceMappingURL=asyncify-function.error.js.map