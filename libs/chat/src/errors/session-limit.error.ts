/**
 * A session would go past one of the module's limits (`maxSessionFiles`, `maxSessionFileBytes`):
 * the file or element is refused, and the message names the limit.
 */
export class SessionLimitError extends Error {
  override readonly name = 'SessionLimitError';
  constructor(
    readonly option: 'maxSessionFiles' | 'maxSessionFileBytes',
    message: string,
  ) {
    super(message);
  }
}
