/** Injection token of the resolved storage option: `false`, or where to store. */
export const CHAT_STORAGE = Symbol('CHAT_STORAGE');

/** Injection token of a `ChatRequestIdentity`: who calls the thread routes. */
export const CHAT_REQUEST_IDENTITY = Symbol('CHAT_REQUEST_IDENTITY');

/** The longest thread name taken from a first message, in characters. */
export const THREAD_NAME_MAX_LENGTH = 100;

/** What a session is told (a `warning` toast) when its history cannot be stored for now. */
export const HISTORY_NOT_SAVED_MESSAGE =
  'Chat history is not being saved: the database cannot be reached. Your messages are kept and will be saved when it is back.';

/** What a session told `HISTORY_NOT_SAVED_MESSAGE` is told (a `success` toast) once it is. */
export const HISTORY_SAVED_MESSAGE = 'Chat history is saved again.';

/** What a session is told (an `error` toast) when writes of its history had to be dropped. */
export const HISTORY_DROPPED_MESSAGE =
  'Part of this chat could not be saved: the database was unreachable for too long.';
