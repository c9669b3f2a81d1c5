/** A function given to `run()` or `wrap()` read a name from its enclosing scope. */
export class AsyncifyScopeError extends Error {
    constructor(method, functionName, missing, options) {
        super(`AsyncifyService.${method}: the function "${functionName}" uses "${missing}" from its ` +
            'enclosing scope; pass it as an argument or use runFile().', options);
        this.functionName = functionName;
        this.missing = missing;
        this.name = 'AsyncifyScopeError';
    }
}
//# sourceMappingURL=asyncify-scope.error.js.map