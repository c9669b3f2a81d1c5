import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChatSession,
  ChatSessions,
  OnMessage,
  type ChatModuleOptions,
  type UploadedFile,
  type UserMessage,
} from 'nest-chat';
import { ChatClient, clientTracker, delay, identityHeaders } from './utils/chat-client.js';
import { streamUpload } from './utils/streamed-upload.js';
import { HTTP_PLATFORMS, startApp, type TestApp } from './utils/test-app.js';

const MiB = 1024 * 1024;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What a handler sees of its files: name, size, SHA-256 of `content`, where they are kept. */
const describeFiles = (files: UploadedFile[]) =>
  files
    .map((f) => `${f.name} ${f.size} ${sha256(f.content)} ${f.path ? 'disk' : 'memory'}`)
    .join('; ');

@Injectable()
class UploadsBot {
  @OnMessage()
  async reply(message: UserMessage, session: ChatSession): Promise<string> {
    if (message.content === 'ask') {
      const files = await session.askFile('A file?', { maxSizeMb: 5 });
      return files ? describeFiles(files) : 'none';
    }
    return describeFiles(message.files);
  }
}

/** The upload directories of this process (`<tmpdir>/nest-chat-<pid>-*`) and their files. */
function uploadDirs(): string[] {
  return readdirSync(tmpdir())
    .filter((name) => name.startsWith(`nest-chat-${process.pid}-`))
    .map((name) => join(tmpdir(), name));
}

/** Waits until `condition()` holds (the server's state, read in process), for at most 5 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await delay(10);
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** The upload route of a client's session. */
const path = (client: ChatClient) => `/project/file?session_id=${client.sessionId}`;

function formUpload(url: string, sessionId: string, name: string, content: string | Buffer) {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/plain' }), name);
  return fetch(`${url}/project/file?session_id=${sessionId}`, {
    method: 'POST',
    headers: identityHeaders(sessionId),
    body: form,
  });
}

describe.each(HTTP_PLATFORMS)(
  'uploads: bounded before the body, reserved, on disk when large, on %s',
  (platform) => {
    let server: TestApp | undefined;
    const { connect, closeAll } = clientTracker();
    const dirsBefore = new Set(uploadDirs());

    const start = async (options: ChatModuleOptions = {}) => {
      server = await startApp(
        { providers: [UploadsBot] },
        { sessionTimeoutMs: 0, ...options },
        { platform },
      );
      return server.url;
    };
    const sessionOf = (client: ChatClient) =>
      server!.app.get(ChatSessions).get(client.sessionId) as ChatSession;

    afterEach(async () => {
      closeAll();
      await server?.close();
      server = undefined;
    });

    it('refuses a Content-Length over the upload limit or the session budget with 413, before reading the body', async () => {
      const url = await start({ upload: { maxSizeMb: 1 }, maxSessionFileBytes: 600_000 });
      const client = await connect(url);
      // A huge Content-Length and a few bytes: the answer comes while the rest is still awaited.
      const huge = streamUpload(url, path(client), {
        size: 1000,
        length: 10_000_000_000,
        stopAfter: 100,
      });
      expect(await huge.reply).toEqual({
        status: 413,
        body: { detail: 'File too large: at most 1 MB' },
      });
      huge.abort();
      const overBudget = streamUpload(url, path(client), { size: 900_000, stopAfter: 100 });
      const least = overBudget.bodyLength - 16 * 1024;
      expect(await overBudget.reply).toEqual({
        status: 413,
        body: {
          detail: `Upload refused: at least ${least} more bytes would make this session's files ${least} bytes, over its limit of 600000 (the maxSessionFileBytes option)`,
        },
      });
      overBudget.abort();
      // Nothing was kept, nothing stays reserved: a file of the whole budget is taken.
      expect(sessionOf(client).files.room).toBe(600_000);
      expect((await formUpload(url, client.sessionId, 'a.txt', 'x'.repeat(600_000))).status).toBe(
        200,
      );
    });

    it('takes exactly as many parallel uploads into a session as its budget allows, then gives the rest of the budget', async () => {
      const url = await start({ maxSessionFileBytes: 5 * MiB, upload: { maxSizeMb: 3 } });
      const client = await connect(url);
      const uploads = Array.from({ length: 6 }, () =>
        streamUpload(url, path(client), { size: 2_000_000 }),
      );
      const replies = await Promise.all(uploads.map((u) => u.reply));
      await Promise.all(uploads.map((u) => u.closed));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 413, 413, 413, 413]);
      for (const refused of replies.filter((r) => r.status === 413)) {
        expect(refused.body.detail).toMatch(
          /^Upload refused: at least \d+ more bytes would make this session's files \d+ bytes( \(\d+ of them still uploading\))?, over its limit of 5242880 \(the maxSessionFileBytes option\)$/,
        );
      }
      const files = sessionOf(client).files;
      expect([files.size, files.room]).toEqual([2, 5 * MiB - 4_000_000]);
      // The refused uploads took nothing: what is left of the budget is taken, one byte more is not.
      const rest = streamUpload(url, path(client), { size: 5 * MiB - 4_000_000 });
      expect((await rest.reply).status).toBe(200);
      const over = await formUpload(url, client.sessionId, 'b.txt', 'b');
      expect([over.status, await over.json()]).toEqual([
        413,
        {
          detail:
            "Upload refused: 1 more bytes would make this session's files 5242881 bytes, over its limit of 5242880 (the maxSessionFileBytes option)",
        },
      ]);
    });

    it('gives back the room of an upload aborted mid-body, and removes what it wrote', async () => {
      const url = await start({ maxSessionFileBytes: 3 * MiB, upload: { maxSizeMb: 3 } });
      const client = await connect(url);
      const files = sessionOf(client).files;
      const aborted = streamUpload(url, path(client), { size: 2_500_000, stopAfter: MiB });
      await until(() => files.room < 3 * MiB, 'the upload has reserved its room');
      const meanwhile = await streamUpload(url, path(client), { size: 2_500_000 }).reply;
      expect(meanwhile.status).toBe(413);
      expect(meanwhile.body.detail).toMatch(
        / bytes \(\d+ of them still uploading\), over its limit/,
      );
      await aborted.written;
      aborted.abort();
      await until(() => files.room === 3 * MiB, 'the aborted upload has given its room back');
      const whole = streamUpload(url, path(client), { size: 3 * MiB });
      const reply = await whole.reply;
      expect(reply).toEqual({
        status: 200,
        body: {
          id: expect.any(String),
          name: 'upload.bin',
          type: 'application/octet-stream',
          size: 3 * MiB,
        },
      });
      // On disk: only the whole upload, not the aborted one's part.
      const onDisk = uploadDirs()
        .filter((dir) => !dirsBefore.has(dir))
        .flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)));
      expect(onDisk).toEqual([files.get(reply.body.id)?.path]);
    });

    it('answers 503 naming maxUploadBytesInFlight when uploads across sessions would pass it, until they end', async () => {
      const url = await start({ maxUploadBytesInFlight: 3 * MiB, upload: { maxSizeMb: 3 } });
      const [a, b] = await Promise.all([connect(url), connect(url)]);
      const first = streamUpload(url, path(a), { size: 2 * MiB, stopAfter: 512 * 1024 });
      await until(() => sessionOf(a).files.room < 104_857_600, 'the first upload is under way');
      const refused = streamUpload(url, path(b), { size: 2 * MiB, stopAfter: 0 });
      const reply = await refused.reply;
      refused.abort();
      expect(reply.status).toBe(503);
      expect(reply.body.detail).toMatch(
        /^Too many uploads at once: \d+ bytes are being received, and \d+ more would pass the limit of 3145728 \(the maxUploadBytesInFlight option\); try again later$/,
      );
      first.abort();
      await until(() => sessionOf(a).files.room === 104_857_600, 'the first upload has ended');
      const again = streamUpload(url, path(b), { size: 2 * MiB });
      expect((await again.reply).status).toBe(200);
    });

    it('writes a large upload to disk, serves its bytes intact, gives them to the handler, and removes them when the session ends', async () => {
      const url = await start();
      const client = await connect(url);
      const large = streamUpload(url, path(client), { size: 3_000_000, name: 'big.bin' });
      const { body } = await large.reply;
      const kept = sessionOf(client).files.get(body.id);
      const dir = uploadDirs().find((d) => !dirsBefore.has(d));
      expect(kept?.path && dir && kept.path.startsWith(`${dir}/`)).toBe(true);
      expect(statSync(kept!.path!).size).toBe(3_000_000);
      expect(kept?.content).toBeUndefined();

      const served = await fetch(`${url}/project/file/${body.id}?session_id=${client.sessionId}`, {
        headers: client.headers,
      });
      expect(served.headers.get('content-length')).toBe('3000000');
      expect(sha256(Buffer.from(await served.arrayBuffer()))).toBe(large.sha256);

      const small = (await (await formUpload(url, client.sessionId, 's.txt', 'small')).json()) as {
        id: string;
      };
      expect(sessionOf(client).files.get(small.id)?.path).toBeUndefined();

      const from = client.events.length;
      client.socket.emit('client_message', {
        message: { id: randomUUID(), output: 'files', createdAt: new Date().toISOString() },
        fileReferences: [{ id: body.id }, { id: small.id }],
      });
      const reply = await client.waitFor(
        (e) => e.name === 'new_message' && e.data.type === 'assistant_message',
        5000,
        from,
      );
      expect(reply.data.output).toBe(
        `big.bin 3000000 ${large.sha256} disk; s.txt 5 ${sha256(Buffer.from('small'))} memory`,
      );

      const sessions = server!.app.get(ChatSessions);
      client.close();
      await until(() => sessions.size === 0, 'the session has ended');
      await until(() => !existsSync(kept!.path!), 'the file is removed');
      await server!.close();
      server = undefined;
      expect(existsSync(dir!)).toBe(false);
    });

    it('gives a large file uploaded for askFile to the handler from disk', async () => {
      const url = await start();
      const client = await connect(url);
      const asked = new Promise<string>((resolve) => {
        client.socket.once('ask', (payload: any, ack: (value: unknown) => void) => {
          const query = `/project/file?session_id=${client.sessionId}&ask_parent_id=${payload.msg.id}`;
          const upload = streamUpload(url, query, { size: 2 * MiB, name: 'answer.bin' });
          void upload.reply.then(({ body }) => {
            ack([body]);
            resolve(upload.sha256);
          });
        });
      });
      const events = await client.ask('ask');
      const digest = await asked;
      expect(
        events.find((e) => e.name === 'new_message' && e.data.output.includes('answer'))?.data
          .output,
      ).toBe(`answer.bin ${2 * MiB} ${digest} disk`);
    });

    it('takes an upload without a Content-Length (chunked) within the limits, and refuses one that passes them', async () => {
      const url = await start({ upload: { maxSizeMb: 1 } });
      const client = await connect(url);
      const within = streamUpload(url, path(client), { size: 900_000, length: 'chunked' });
      const { status, body } = await within.reply;
      expect(status).toBe(200);
      expect(sessionOf(client).files.get(body.id)?.path).toBeDefined();
      const over = streamUpload(url, path(client), { size: 2 * MiB, length: 'chunked' });
      expect(await over.reply).toEqual({
        status: 413,
        body: { detail: 'File too large: at most 1 MB' },
      });
      expect(sessionOf(client).files.size).toBe(1);
    });
  },
);
