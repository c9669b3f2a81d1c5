/** A function given to `run()` or `wrap()` read a name from its enclosing scope. */
export class AsyncifyScopeError extends Error {
  override readonly name = 'AsyncifyScopeError';
  constructor(
    method: string,
    readonly functionName: string,
    readonly missing: string,
    options?: ErrorOptions,
  ) {
    super(
      `AsyncifyService.${method}: the function "${functionName}" uses "${missing}" from its ` +
        'enclosing scope; pass it as an argument or use runFile().',
      options,
    );
  }
}
