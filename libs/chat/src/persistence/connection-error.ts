/** Socket errors that say the database could not be reached, or the connection broke. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL's SQLSTATEs of a server that is going away or not there yet: class 08 (connection
 * exception), shutdowns (57P01 admin, 57P02 crash), 57P03 (starting up), 53300 (too many
 * connections).
 */
const SERVER_GONE = /^(08...|57P0[123]|53300)$/;

/** What the `pg` driver and its pool say, without a code, when a connection is lost or refused. */
const DRIVER_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|encountered a connection error|terminating connection/i;

/**
 * Whether a failed store call failed because the database could not be reached (it is down,
 * restarting, or the network dropped) rather than because of the statement (a constraint, a
 * bad value): the first kind is worth retrying, the second is not. Follows `cause` and the errors
 * of an `AggregateError` (a host with several addresses).
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, syscall, message, cause, errors } = error as {
    code?: unknown;
    syscall?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || SERVER_GONE.test(code)) return true;
    // A Unix socket whose file is gone while the server is down.
    if (code === 'ENOENT' && syscall === 'connect') return true;
  }
  if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isConnectionError(e, depth + 1))) return true;
  return isConnectionError(cause, depth + 1);
}
