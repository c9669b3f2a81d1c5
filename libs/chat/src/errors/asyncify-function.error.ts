/** A function that cannot be sent to a worker (a bound, native or class function). */
export class AsyncifyFunctionError extends TypeError {
  override readonly name = 'AsyncifyFunctionError';
}
