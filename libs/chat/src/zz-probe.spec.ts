import 'reflect-metadata';
import { ClientMessageDto } from './gateway/dto/client-message.dto.js';
import { validatePayload } from './gateway/validate-payload.js';
import { parseHandshake } from './gateway/handshake.js';
import { resolveChatOptions } from './chat-options.js';
const U = '6f1c1f55-3a6c-4a7e-9b2d-0c8e7d4b1a23';
const tryit = (f: () => unknown) => {
  try {
    return JSON.stringify(f());
  } catch (e: any) {
    return `${e.name}: ${e.message}`;
  }
};
it('probe', () => {
  const out: string[] = [];
  const v = (p: unknown) =>
    out.push(tryit(() => validatePayload(ClientMessageDto, p, 'client_message')));
  v('hello');
  v([1]);
  v(null);
  v(42);
  v(Buffer.from('x'));
  v(new ArrayBuffer(2));
  v(new Uint8Array(2));
  v(undefined);
  v(new Date());
  v(Object.create(null));
  v({});
  v({ message: 'x' });
  v({ message: null });
  v({ message: {} });
  v({ message: { output: 12 } });
  v({ message: { id: 'x', output: 'hi' } });
  v({ message: { id: 5, output: 'hi' } });
  v({ message: { output: 'hi' }, fileReferences: [{ id: 7 }] });
  v({ message: { output: 'hi' }, fileReferences: [{}] });
  v({ message: { output: 'hi' }, fileReferences: [{ id: '' }] });
  v({ message: { output: 'hi' }, fileReferences: ['abc'] });
  v({ message: { output: 'hi' }, fileReferences: [null] });
  v({ message: { output: 'hi' }, fileReferences: 'abc' });
  v({ message: { output: 'hi' }, fileReferences: [{ id: 'a' }, { id: 'x'.repeat(201) }] });
  v({ message: { output: 12, id: 'x' } });
  v({ message: { output: 'hi', type: 'x' } });
  v({ message: { output: 'hi', createdAt: 'yesterday' } });
  v({ message: { output: 'hi', extra: 1 }, other: 2 });
  v({ message: { output: 'hi', id: U }, fileReferences: [{ id: 'f1' }] });
  const h = (a: unknown) => out.push(tryit(() => parseHandshake(a)));
  h(undefined);
  h('x');
  h({ clientType: 'webapp' });
  h({ clientType: 'webapp', sessionId: 'x' });
  h({ sessionId: U });
  h({ sessionId: U, clientType: '' });
  h({ sessionId: U, clientType: 'webapp', threadId: 'abc' });
  h({ sessionId: U, clientType: 'webapp', threadId: 5 });
  h({ sessionId: U, clientType: 'webapp', userEnv: '{nope' });
  h({ sessionId: U, clientType: 'webapp', userEnv: '[1]' });
  h({ sessionId: U, clientType: 'webapp', userEnv: '{"a":1}' });
  h({ sessionId: U, clientType: 'webapp', userEnv: 'null' });
  h({ sessionId: U, clientType: 'webapp', userEnv: '"s"' });
  h({ sessionId: U, clientType: 'webapp', userEnv: 5 });
  h({
    sessionId: U,
    clientType: 'webapp',
    userEnv: '{"a":"b"}',
    chatProfile: encodeURIComponent('GPT 5 / fast'),
    threadId: U,
  });
  h({ sessionId: U, clientType: 'webapp', chatProfile: '%E0%A4%A' });
  h({ sessionId: U, clientType: 'webapp', threadId: '' });
  h({ sessionId: U, clientType: 'webapp', userEnv: '{"__proto__":{"x":"y"}}' });
  h({ sessionId: U, clientType: 'webapp', userEnv: '', chatProfile: '' });
  h({ sessionId: U.toUpperCase(), clientType: 'webapp' });
  const o = (x: unknown) => out.push(tryit(() => resolveChatOptions(x as any)));
  o(undefined);
  o({ path: 'ws' });
  o({ path: '/' });
  o({ path: '/a/' });
  o({ sessionTimeoutMs: -1 });
  o({ sessionTimeoutMs: 1.5 });
  o({ sessionTimeoutMs: NaN });
  o({ maxMessageBytes: 1023 });
  o({ maxMessageBytes: '2048' });
  o({ assistantName: '' });
  o({ assistantName: '  ' });
  o({ assistantName: 5 });
  o({ cors: 'yes' });
  o({ cors: null });
  o({ cors: 1 });
  o({ cors: true });
  o({ cors: { origin: 'x' } });
  o(null);
  o('x');
  o({ path: undefined });
  o({ asyncify: { minThreads: 0 } });
  o({ asyncify: { minThreads: 4, maxThreads: 2 } });
  o({ asyncify: null });
  o({ sessionTimeoutMs: Infinity });
  console.log(out.join('\n'));
});
