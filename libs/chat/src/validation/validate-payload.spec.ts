import 'reflect-metadata';
import { IsDefined, IsString, MaxLength } from 'class-validator';
import {
  ClientMessageDto,
  ClientStepDto,
  FileReferenceDto,
} from '../gateway/dto/client-message.dto.js';
import { PayloadValidationError } from '../errors/payload-validation.error.js';
import { describeValue, isPlainObject, validatePayload } from './validate-payload.js';

const UUID = '6f1c1f55-3a6c-4a7e-9b2d-0c8e7d4b1a23';

/** The error `validatePayload` throws for a client_message payload, checked to be the right class. */
function refusal(payload: unknown): PayloadValidationError {
  let thrown: unknown;
  try {
    validatePayload(ClientMessageDto, payload, 'client_message');
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PayloadValidationError);
  return thrown as PayloadValidationError;
}

class LabelDto {
  @IsDefined()
  @IsString()
  @MaxLength(3)
  label!: string;
}

describe('validatePayload', () => {
  it('returns an instance of the DTO, nested DTOs included, for a valid payload', () => {
    const dto = validatePayload(
      ClientMessageDto,
      {
        message: { id: UUID, output: 'hi', createdAt: '2026-01-02T03:04:05.000Z' },
        fileReferences: [{ id: 'file-1' }],
      },
      'client_message',
    );
    expect(dto).toBeInstanceOf(ClientMessageDto);
    expect(dto.message).toBeInstanceOf(ClientStepDto);
    expect(dto.fileReferences?.[0]).toBeInstanceOf(FileReferenceDto);
    expect(dto).toEqual({
      message: { id: UUID, output: 'hi', createdAt: '2026-01-02T03:04:05.000Z' },
      fileReferences: [{ id: 'file-1' }],
    });
  });

  it('accepts a message with nothing but its output', () => {
    expect(validatePayload(ClientMessageDto, { message: { output: '' } }, 'x')).toEqual({
      message: { output: '' },
    });
  });

  it('names itself in the errors it throws', () => {
    expect(refusal('hello').name).toBe('PayloadValidationError');
  });

  it.each<[string, unknown, string]>([
    ['a string', 'hello', 'client_message: the payload must be an object, got a string'],
    ['an array', [1, 2], 'client_message: the payload must be an object, got an array'],
    ['null', null, 'client_message: the payload must be an object, got null'],
    ['undefined', undefined, 'client_message: the payload must be an object, got undefined'],
    ['a number', 42, 'client_message: the payload must be an object, got a number'],
    ['a boolean', true, 'client_message: the payload must be an object, got a boolean'],
    [
      'a binary Buffer',
      Buffer.from('{"message":{"output":"hi"}}'),
      'client_message: the payload must be an object, got binary data',
    ],
    [
      'an ArrayBuffer',
      new ArrayBuffer(8),
      'client_message: the payload must be an object, got binary data',
    ],
    [
      'a class instance',
      new Date(0),
      'client_message: the payload must be an object, got an object',
    ],
  ])('refuses a payload of %s, saying what it got', (_, payload, message) => {
    expect(refusal(payload).message).toBe(message);
  });

  it.each<[string, unknown, string]>([
    [
      'no message',
      { fileReferences: [] },
      'client_message: message should not be null or undefined',
    ],
    [
      'a null message',
      { message: null },
      'client_message: message should not be null or undefined',
    ],
    ['a message of a string', { message: 'hi' }, 'client_message: message must be an object'],
    [
      'a message without output',
      { message: { id: UUID } },
      'client_message: message.output should not be null or undefined',
    ],
    [
      'a message.output of a number',
      { message: { output: 12 } },
      'client_message: message.output must be a string',
    ],
    [
      'a message.id that is not a UUID',
      { message: { id: 'x', output: 'hi' } },
      'client_message: message.id must be a UUID',
    ],
    [
      'a message.id of a number',
      { message: { id: 5, output: 'hi' } },
      'client_message: message.id must be a UUID',
    ],
    [
      'a message.type other than user_message',
      { message: { output: 'hi', type: 'assistant_message' } },
      'client_message: message.type must be one of the following values: user_message',
    ],
    [
      'a message.createdAt that is not a date',
      { message: { output: 'hi', createdAt: 'yesterday' } },
      'client_message: message.createdAt must be a valid ISO 8601 date string',
    ],
    [
      'fileReferences that are not an array',
      { message: { output: 'hi' }, fileReferences: { id: 'f' } },
      'client_message: fileReferences must be an array',
    ],
    [
      'a file reference whose id is a number',
      { message: { output: 'hi' }, fileReferences: [{ id: 7 }] },
      'client_message: fileReferences.0.id must be a string',
    ],
    [
      'a file reference without an id',
      { message: { output: 'hi' }, fileReferences: [{ id: 'ok' }, {}] },
      'client_message: fileReferences.1.id must be a string',
    ],
    [
      'a file reference with an empty id',
      { message: { output: 'hi' }, fileReferences: [{ id: '' }] },
      'client_message: fileReferences.0.id should not be empty',
    ],
    [
      'a file reference with an id over 200 characters',
      { message: { output: 'hi' }, fileReferences: [{ id: 'f'.repeat(201) }] },
      'client_message: fileReferences.0.id must be shorter than or equal to 200 characters',
    ],
    [
      'a file reference that is a string',
      { message: { output: 'hi' }, fileReferences: ['file-1'] },
      'client_message: fileReferences.0: each value in nested property fileReferences must be either object or array',
    ],
  ])('refuses %s, naming the field', (_, payload, message) => {
    expect(refusal(payload).message).toBe(message);
  });

  it('names every field that is wrong, separated by semicolons', () => {
    expect(refusal({ message: { id: 'x', output: 12 }, fileReferences: [{ id: 1 }] }).message).toBe(
      'client_message: message.id must be a UUID; message.output must be a string; fileReferences.0.id must be a string',
    );
  });

  it('reports one problem per field, the most basic first, prefixed by what was validated', () => {
    expect(validateLabel({})).toBe('label: label should not be null or undefined');
    expect(validateLabel({ label: 12345 })).toBe('label: label must be a string');
    expect(validateLabel({ label: 'long' })).toBe(
      'label: label must be shorter than or equal to 3 characters',
    );
    expect(validateLabel({ label: 'ok' })).toBeUndefined();
  });
});

function validateLabel(payload: unknown): string | undefined {
  try {
    validatePayload(LabelDto, payload, 'label');
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

describe('isPlainObject', () => {
  it.each<[string, unknown, boolean]>([
    ['an object literal', { a: 1 }, true],
    ['an object without a prototype', Object.create(null), true],
    ['an array', [], false],
    ['null', null, false],
    ['a class instance', new Date(), false],
    ['a Buffer', Buffer.alloc(1), false],
    ['a string', 'x', false],
  ])('says whether %s is a plain object', (_, value, expected) => {
    expect(isPlainObject(value)).toBe(expected);
  });
});

describe('describeValue', () => {
  it.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['an array', [], 'an array'],
    ['a Uint8Array', new Uint8Array(1), 'binary data'],
    ['an ArrayBuffer', new ArrayBuffer(1), 'binary data'],
    ['an object', {}, 'an object'],
    ['a string', 'x', 'a string'],
    ['a number', 1, 'a number'],
    ['a bigint', 1n, 'a bigint'],
    ['a function', () => 1, 'a function'],
  ])('describes %s as "%s"', (_, value, described) => {
    expect(describeValue(value)).toBe(described);
  });
});
