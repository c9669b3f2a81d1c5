/** Thrown at bootstrap when `ChatModule.forRoot()` is given an option it cannot use. */
export class ChatOptionsError extends Error {
  override readonly name = 'ChatOptionsError';
  constructor(option: string, problem: string) {
    super(`ChatModule: option "${option}" ${problem}`);
  }
}
