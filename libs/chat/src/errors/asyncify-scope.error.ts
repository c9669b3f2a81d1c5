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
        'enclosing scope, which a worker thread cannot see. Pass data as an argument; for a ' +
        'module or a function, export the function from a module file that imports what it ' +
        `needs and call runFile(new URL('./file.js', import.meta.url), '${functionName}', ...args).`,
      options,
    );
  }
}
