import 'reflect-metadata';
import { parseHandshake } from './handshake.js';
import { PayloadValidationError } from '../errors/payload-validation.error.js';

const SESSION = '6f1c1f55-3a6c-4a7e-9b2d-0c8e7d4b1a23';
const THREAD = '0b7d7c3e-29a4-4f8e-8c55-2f5a3b9e1d40';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const auth = (extra: Record<string, unknown> = {}) => ({
  clientType: 'webapp',
  sessionId: SESSION,
  ...extra,
});

/** The error `parseHandshake` throws for `value`, checked to be a PayloadValidationError. */
function refusal(value: unknown): PayloadValidationError {
  let thrown: unknown;
  try {
    parseHandshake(value);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PayloadValidationError);
  return thrown as PayloadValidationError;
}

describe('parseHandshake', () => {
  it('reads a full handshake into the session it describes', () => {
    expect(
      parseHandshake({
        clientType: 'copilot',
        sessionId: SESSION,
        threadId: THREAD,
        userEnv: JSON.stringify({ OPENAI_API_KEY: 'sk-user', REGION: 'eu' }),
        chatProfile: encodeURIComponent('GPT 5 / fast'),
      }),
    ).toEqual({
      id: SESSION,
      threadId: THREAD,
      clientType: 'copilot',
      env: { OPENAI_API_KEY: 'sk-user', REGION: 'eu' },
      chatProfile: 'GPT 5 / fast',
    });
  });

  it('gives a handshake without a thread a fresh UUID as its thread', () => {
    const init = parseHandshake(auth());
    expect(init).toEqual({
      id: SESSION,
      threadId: expect.stringMatching(UUID_V4),
      clientType: 'webapp',
      env: {},
      chatProfile: undefined,
    });
  });

  it('gives an empty threadId a fresh UUID, another one each time', () => {
    const first = parseHandshake(auth({ threadId: '' })).threadId;
    const second = parseHandshake(auth({ threadId: '' })).threadId;
    expect(first).toMatch(UUID_V4);
    expect(second).toMatch(UUID_V4);
    expect(second).not.toBe(first);
  });

  it('reads an empty userEnv as no env, and an empty chatProfile as none', () => {
    const init = parseHandshake(auth({ userEnv: '', chatProfile: '' }));
    expect(init.env).toEqual({});
    expect(init.chatProfile).toBeUndefined();
  });

  it('decodes a URI-encoded chat profile', () => {
    expect(parseHandshake(auth({ chatProfile: 'Caf%C3%A9%20%26%20more' })).chatProfile).toBe(
      'Café & more',
    );
    expect(parseHandshake(auth({ chatProfile: 'Plain' })).chatProfile).toBe('Plain');
  });

  it('names itself in the errors it throws', () => {
    expect(refusal({}).name).toBe('PayloadValidationError');
  });

  it.each<[string, unknown, string]>([
    [
      'an auth that is not an object',
      'webapp',
      'connection refused: auth: the payload must be an object, got a string',
    ],
    [
      'a missing auth',
      undefined,
      'connection refused: auth: the payload must be an object, got undefined',
    ],
    [
      'a missing sessionId',
      { clientType: 'webapp' },
      'connection refused: auth: sessionId should not be null or undefined',
    ],
    [
      'a sessionId that is not a UUID',
      auth({ sessionId: '../../etc' }),
      'connection refused: auth: sessionId must be a UUID',
    ],
    [
      'a sessionId of a number',
      auth({ sessionId: 12 }),
      'connection refused: auth: sessionId must be a UUID',
    ],
    [
      'a missing clientType',
      { sessionId: SESSION },
      'connection refused: auth: clientType should not be null or undefined',
    ],
    [
      'an empty clientType',
      auth({ clientType: '' }),
      'connection refused: auth: clientType should not be empty',
    ],
    [
      'a clientType of a number',
      auth({ clientType: 1 }),
      'connection refused: auth: clientType must be a string',
    ],
    [
      'a threadId that is not a UUID',
      auth({ threadId: 'abc' }),
      'connection refused: auth: threadId must be a UUID or ""',
    ],
    [
      'a threadId of a number',
      auth({ threadId: 5 }),
      'connection refused: auth: threadId must be a string',
    ],
    [
      'a userEnv of a number',
      auth({ userEnv: 5 }),
      'connection refused: auth: userEnv must be a string',
    ],
    [
      'a userEnv that is not JSON',
      auth({ userEnv: '{nope' }),
      'connection refused: auth: userEnv must be a JSON string of an object',
    ],
    [
      'a userEnv of a JSON array',
      auth({ userEnv: '["a","b"]' }),
      'connection refused: auth: userEnv must be a JSON string of an object whose values are strings',
    ],
    [
      'a userEnv of JSON null',
      auth({ userEnv: 'null' }),
      'connection refused: auth: userEnv must be a JSON string of an object whose values are strings',
    ],
    [
      'a userEnv of a JSON string',
      auth({ userEnv: '"KEY=value"' }),
      'connection refused: auth: userEnv must be a JSON string of an object whose values are strings',
    ],
    [
      'a userEnv object with a number value',
      auth({ userEnv: '{"A":"ok","B":1}' }),
      'connection refused: auth: userEnv must be a JSON string of an object whose values are strings',
    ],
    [
      'a userEnv object with a nested object value',
      auth({ userEnv: '{"A":{"B":"c"}}' }),
      'connection refused: auth: userEnv must be a JSON string of an object whose values are strings',
    ],
    [
      'a chatProfile that is not valid URI encoding',
      auth({ chatProfile: '%E0%A4%A' }),
      'connection refused: auth: chatProfile must be URI-encoded',
    ],
  ])('refuses %s, naming the field', (_, value, message) => {
    expect(refusal(value).message).toBe(message);
  });
});
