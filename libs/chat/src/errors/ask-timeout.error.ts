/** `session.ask(..., { raiseOnTimeout: true })` got no answer in time. */
export class AskTimeoutError extends Error {
  override readonly name = 'AskTimeoutError';
  constructor(readonly timeout: number) {
    super(`The user did not answer within ${timeout} s`);
  }
}
