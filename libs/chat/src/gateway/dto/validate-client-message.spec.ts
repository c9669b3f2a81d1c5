import 'reflect-metadata';
import { PayloadValidationError } from '../../errors/payload-validation.error.js';
import { validatePayload } from '../../validation/validate-payload.js';
import { ClientMessageDto } from './client-message.dto.js';
import { validateClientMessage } from './validate-client-message.js';

const UUID = '6f1c1f55-3a6c-4a7e-9b2d-0c8e7d4b1a23';
const long = 'x'.repeat(201);

/** What a validation gives: the value, or the error's class and message. */
function outcome(validate: () => unknown): unknown {
  try {
    return { value: JSON.parse(JSON.stringify(validate())) as unknown };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
}

/** Payloads on both sides of every rule of ClientMessageDto. */
const PAYLOADS: unknown[] = [
  { message: { output: 'hi' } },
  { message: { output: '' } },
  {
    message: {
      id: UUID,
      name: 'User',
      type: 'user_message',
      output: 'hello',
      threadId: 'thread-1',
      createdAt: '2026-01-02T03:04:05.000Z',
      command: 'search',
      extra: { kept: true },
    },
    fileReferences: [{ id: 'file-1' }, { id: 'file-2' }],
  },
  { message: { output: 'hi', id: null, name: null, type: null, createdAt: null } },
  { message: { output: 'hi' }, fileReferences: [] },
  { message: { output: 'hi' }, fileReferences: null },
  'hello',
  null,
  [],
  {},
  { message: null },
  { message: 'hi' },
  { message: [] },
  { message: {} },
  { message: { output: null } },
  { message: { output: 42 } },
  { message: { output: 'hi', id: 'not-a-uuid' } },
  { message: { output: 'hi', id: 42 } },
  { message: { output: 'hi', name: long } },
  { message: { output: 'hi', name: 42 } },
  { message: { output: 'hi', type: 'assistant_message' } },
  { message: { output: 'hi', threadId: long } },
  { message: { output: 'hi', command: long } },
  { message: { output: 'hi', command: ['a'] } },
  { message: { output: 'hi', createdAt: 'yesterday' } },
  { message: { output: 'hi', createdAt: 1767322800000 } },
  { message: { output: 'hi' }, fileReferences: 'file-1' },
  { message: { output: 'hi' }, fileReferences: {} },
  { message: { output: 'hi' }, fileReferences: ['file-1'] },
  { message: { output: 'hi' }, fileReferences: [{}] },
  { message: { output: 'hi' }, fileReferences: [{ id: '' }] },
  { message: { output: 'hi' }, fileReferences: [{ id: 7 }] },
  { message: { output: 'hi' }, fileReferences: [{ id: long }] },
  { message: { output: 'hi' }, fileReferences: [{ id: 'ok' }, null] },
  { message: { output: 42, id: 'bad', name: long }, fileReferences: [{ id: '' }] },
  {
    message: {
      output: 'hi',
      deep: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
    },
  },
];

describe('validateClientMessage', () => {
  it.each(PAYLOADS.map((payload) => [JSON.stringify(payload).slice(0, 90), payload]))(
    'gives what validatePayload with ClientMessageDto gives: %s',
    (_, payload) => {
      expect(outcome(() => validateClientMessage(payload))).toEqual(
        outcome(() => validatePayload(ClientMessageDto, payload, 'client_message')),
      );
    },
  );

  it('refuses with a PayloadValidationError naming the field', () => {
    expect(outcome(() => validateClientMessage({ message: { output: 42 } }))).toEqual({
      error: PayloadValidationError.name,
      message: 'client_message: message.output must be a string',
    });
  });

  it('takes a well-formed message as it is', () => {
    const payload = { message: { id: UUID, output: 'hi' }, fileReferences: [{ id: 'f' }] };
    expect(validateClientMessage(payload)).toBe(payload);
  });
});
