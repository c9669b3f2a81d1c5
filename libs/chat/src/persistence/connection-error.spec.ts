import { isConnectionError } from './connection-error.js';

const withCode = (code: string, message = 'failed', fields: object = {}) =>
  Object.assign(new Error(message), { code, ...fields });

describe('isConnectionError', () => {
  it('takes a refused, reset or timed-out socket and an unknown host for the database being unreachable', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']) {
      expect(isConnectionError(withCode(code))).toBe(true);
    }
    // A Unix socket whose file is gone while the server is down.
    expect(isConnectionError(withCode('ENOENT', 'connect ENOENT', { syscall: 'connect' }))).toBe(
      true,
    );
    expect(isConnectionError(withCode('ENOENT', 'no such file', { syscall: 'open' }))).toBe(false);
  });

  it('takes the SQLSTATEs of a server going away or not there yet', () => {
    for (const code of ['08006', '08001', '08P01', '57P01', '57P02', '57P03', '53300']) {
      expect(isConnectionError(withCode(code))).toBe(true);
    }
  });

  it("takes the pg driver's and pool's messages for a lost connection", () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
    ]) {
      expect(isConnectionError(new Error(message))).toBe(true);
    }
  });

  it('follows causes and the errors of an AggregateError (a host with several addresses)', () => {
    expect(isConnectionError(new Error('query failed', { cause: withCode('ECONNRESET') }))).toBe(
      true,
    );
    expect(isConnectionError(new AggregateError([withCode('ECONNREFUSED')], 'all failed'))).toBe(
      true,
    );
  });

  it('does not retry what the statement did wrong, nor a pool that was closed', () => {
    for (const code of ['23505', '23503', '22P02', '42P01', '40001']) {
      expect(isConnectionError(withCode(code))).toBe(false);
    }
    expect(isConnectionError(new Error('Cannot use a pool after calling end on the pool'))).toBe(
      false,
    );
    expect(isConnectionError(new TypeError('x is not a function'))).toBe(false);
    expect(isConnectionError('ECONNREFUSED')).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});
