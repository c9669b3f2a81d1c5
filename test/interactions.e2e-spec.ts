import {
  ChatClient,
  clientTracker,
  identityHeaders,
  waitUntil,
  WAIT_MS,
} from './utils/chat-client.js';
import { HTTP_PLATFORMS, startApp, type TestApp } from './utils/test-app.js';
import { FeatureBot, FeatureProbe, PNG } from './fixtures/features.bot.js';

/** Answers the next `ask` with `answer(payload)`, as the client's acknowledgement does. */
function answerNextAsk(client: ChatClient, answer: (payload: any) => unknown): Promise<any> {
  return new Promise((resolve) => {
    client.socket.once('ask', (payload: any, ack: (value: unknown) => void) => {
      resolve(payload);
      void Promise.resolve(answer(payload)).then(ack);
    });
  });
}

function upload(
  url: string,
  query: string,
  name: string,
  content: string | Buffer,
  type = 'text/plain',
): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), name);
  // As the browser that opened the session: with its identity cookie.
  const headers = identityHeaders(new URLSearchParams(query).get('session_id') ?? '');
  return fetch(`${url}/project/file?${query}`, { method: 'POST', headers, body: form });
}

const postJson = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...identityHeaders(String((body as { sessionId?: unknown }).sessionId)),
    },
    body: JSON.stringify(body),
  });

describe.each(HTTP_PLATFORMS)(
  'interactions: ask for actions and files, actions, elements, settings, on %s',
  (platform) => {
    let server: TestApp;
    let probe: FeatureProbe;
    const clients = clientTracker();

    beforeEach(async () => {
      server = await startApp({ providers: [FeatureProbe, FeatureBot] }, {}, { platform });
      probe = server.app.get(FeatureProbe);
    }, 60_000);

    afterEach(async () => {
      clients.closeAll();
      await server.close();
    });

    async function connect() {
      const client = await clients.connect(server.url);
      await client.next('task_end', 0);
      return client;
    }

    describe('session.askAction', () => {
      it('shows the buttons, takes the clicked one, then removes them and shows the choice', async () => {
        const client = await connect();
        const asked = answerNextAsk(
          client,
          (payload) =>
            client.events.find((e) => e.name === 'action' && e.data.id === payload.spec.keys[1])!
              .data,
        );
        const events = await client.ask('pick');
        const payload = await asked;
        const actions = events.filter((e) => e.name === 'action').map((e) => e.data);
        expect(actions).toEqual([
          {
            id: expect.any(String),
            name: 'color',
            payload: { color: 'red' },
            label: 'Red',
            forId: payload.msg.id,
          },
          {
            id: expect.any(String),
            name: 'color',
            payload: { color: 'blue' },
            label: 'Blue',
            forId: payload.msg.id,
          },
        ]);
        expect(payload.spec).toEqual({
          type: 'action',
          timeout: 90,
          step_id: payload.msg.id,
          keys: actions.map((a) => a.id),
        });
        expect(payload.msg).toMatchObject({ output: 'Pick a color', waitForAnswer: true });
        const update = events.find(
          (e) => e.name === 'update_message' && e.data.id === payload.msg.id,
        );
        expect(update?.data).toMatchObject({ output: '**Selected:** Blue', id: payload.msg.id });
        expect(update?.data.waitForAnswer).toBe(false);
        expect(events.filter((e) => e.name === 'remove_action').map((e) => e.data.id)).toEqual(
          actions.map((a) => a.id),
        );
        expect(events.find((e) => e.name === 'new_message')?.data.output).toBe('You picked blue');
      });

      it('keeps waiting when the answer is not one of its buttons, and times out with ask_timeout', async () => {
        const client = await connect();
        const asked = answerNextAsk(client, () => ({
          id: crypto.randomUUID(),
          name: 'color',
          payload: { color: 'green' },
        }));
        const events = await client.ask('pick 0.3');
        await asked;
        const names = events.map((e) => e.name);
        expect(names).toContain('ask_timeout');
        expect(names.filter((n) => n === 'remove_action')).toHaveLength(2);
        expect(events.find((e) => e.name === 'new_message')?.data.output).toBe('No pick');
      });
    });

    describe('session.askFile', () => {
      it('takes the files uploaded for it, within its accept, max_files and max_size_mb', async () => {
        const client = await connect();
        const asked = answerNextAsk(client, async (payload) => {
          const query = `session_id=${client.sessionId}&ask_parent_id=${payload.msg.id}`;
          const refused = [
            await upload(server.url, query, 'big.txt', 'x'.repeat(20_000)),
            await upload(server.url, query, 'pic.png', PNG, 'image/png'),
          ];
          const bodies = await Promise.all(refused.map(async (r) => [r.status, await r.json()]));
          expect(bodies).toEqual([
            [413, { detail: 'File too large: at most 0.01 MB' }],
            [
              415,
              {
                detail:
                  'File type "image/png" of "pic.png" is not accepted (accepted: ["text/plain",".md"])',
              },
            ],
          ]);
          const a = await (await upload(server.url, query, 'a.txt', 'alpha')).json();
          const b = await (
            await upload(server.url, query, 'b.md', '# beta', 'application/octet-stream')
          ).json();
          const third = await upload(server.url, query, 'c.txt', 'gamma');
          expect([third.status, await third.json()]).toEqual([
            400,
            { detail: 'At most 2 file(s) for this question' },
          ]);
          expect(a).toEqual({ id: expect.any(String), name: 'a.txt', type: 'text/plain', size: 5 });
          return [a, b];
        });
        const events = await client.ask('upload');
        const payload = await asked;
        expect(payload.spec).toEqual({
          type: 'file',
          timeout: 90,
          step_id: payload.msg.id,
          accept: ['text/plain', '.md'],
          max_files: 2,
          max_size_mb: 0.01,
        });
        expect(events.find((e) => e.name === 'new_message')?.data.output).toBe(
          'Got a.txt (text/plain, 5 B): alpha; b.md (application/octet-stream, 6 B): # beta',
        );
      });

      it('refuses uploads for a question that is not pending, or for an unknown session', async () => {
        const client = await connect();
        const noAsk = await upload(
          server.url,
          `session_id=${client.sessionId}&ask_parent_id=${crypto.randomUUID()}`,
          'a.txt',
          'a',
        );
        expect(noAsk.status).toBe(404);
        expect(((await noAsk.json()) as any).detail).toMatch(/^No file question .* is pending$/);
        const noSession = await upload(
          server.url,
          `session_id=${crypto.randomUUID()}`,
          'a.txt',
          'a',
        );
        expect([noSession.status, await noSession.json()]).toEqual([
          404,
          { detail: 'Session not found' },
        ]);
        const badId = await upload(server.url, 'session_id=nope', 'a.txt', 'a');
        expect([badId.status, await badId.json()]).toEqual([
          400,
          { detail: 'session_id must be a UUID' },
        ]);
      });
    });

    describe('attachments', () => {
      it('gives a message the files uploaded before it, by fileReferences', async () => {
        const client = await connect();
        const { id } = (await (
          await upload(server.url, `session_id=${client.sessionId}`, 'n.txt', 'note')
        ).json()) as any;
        const from = client.events.length;
        client.socket.emit('client_message', {
          message: {
            id: crypto.randomUUID(),
            output: 'files',
            createdAt: new Date().toISOString(),
          },
          fileReferences: [{ id }],
        });
        const reply = await client.waitFor((e) => e.name === 'new_message', WAIT_MS, from);
        expect(reply.data.output).toBe('files: n.txt=note');
        client.socket.emit('client_message', {
          message: { output: 'files' },
          fileReferences: [{ id: 'missing' }],
        });
        const refused = await client.next('exception');
        expect(refused.data.message).toBe(
          'client_message: no uploaded file "missing" in this session',
        );
      });
    });

    describe('actions', () => {
      it("shows a message's buttons and runs @OnAction through POST /project/action", async () => {
        const client = await connect();
        const events = await client.ask('buttons');
        const message = events.find((e) => e.name === 'new_message')!.data;
        const [like, fail] = events.filter((e) => e.name === 'action').map((e) => e.data);
        expect(like).toEqual({
          id: expect.any(String),
          name: 'like',
          payload: { stars: 5 },
          label: 'Like',
          icon: 'thumbs-up',
          forId: message.id,
        });
        const from = client.events.length;
        // The client's copy of the payload is ignored: the server's is used.
        const res = await postJson(`${server.url}/project/action`, {
          sessionId: client.sessionId,
          action: { ...like, payload: { stars: 1 } },
        });
        expect([res.status, await res.json()]).toEqual([
          200,
          { success: true, response: { stars: 5 } },
        ]);
        expect(probe.actions).toEqual([like]);
        const thanks = await client.waitFor((e) => e.name === 'new_message', WAIT_MS, from);
        expect(thanks.data.output).toBe('Thanks for 5 stars');
        // An action runs at once, beside the session's task: it is not one (no task_start).
        expect(client.names(from)).toEqual(['new_message']);

        const failed = await postJson(`${server.url}/project/action`, {
          sessionId: client.sessionId,
          action: fail,
        });
        expect(await failed.json()).toEqual({
          success: false,
          response: 'this action always fails',
        });
        const error = await client.waitFor((e) => e.name === 'new_message' && e.data.isError);
        expect(error.data.output).toBe('this action always fails');
      });

      it('answers 404 with a detail for an unknown action name, action or session, 400 for a bad body', async () => {
        const client = await connect();
        const events = await client.ask('buttons');
        const like = events.find((e) => e.name === 'action')!.data;
        const cases: [unknown, number, string][] = [
          [
            { sessionId: client.sessionId, action: { ...like, name: 'nope' } },
            404,
            'No @OnAction handler for action "nope"',
          ],
          [
            { sessionId: client.sessionId, action: { ...like, id: crypto.randomUUID() } },
            404,
            expect.stringMatching(/is not shown in this session$/) as never,
          ],
          [{ sessionId: crypto.randomUUID(), action: like }, 404, 'Session not found'],
          [{ sessionId: client.sessionId }, 400, 'action should not be null or undefined'],
        ];
        for (const [body, status, detail] of cases) {
          const res = await postJson(`${server.url}/project/action`, body);
          expect([res.status, await res.json()]).toEqual([status, { detail }]);
        }
      });
    });

    describe('elements', () => {
      it('sends elements from bytes, a path and a URL with their message, and serves the bytes to that session only', async () => {
        const client = await connect();
        const events = await client.ask('elements');
        const message = events.find((e) => e.name === 'new_message')!.data;
        const elements = events.filter((e) => e.name === 'element').map((e) => e.data);
        expect(elements).toEqual([
          expect.objectContaining({
            type: 'text',
            name: 'notes.txt',
            display: 'inline',
            mime: 'text/plain',
            forId: message.id,
            chainlitKey: expect.any(String),
          }),
          expect.objectContaining({
            type: 'image',
            name: 'dot.png',
            mime: 'image/png',
            size: 'small',
            forId: message.id,
          }),
          expect.objectContaining({
            type: 'pdf',
            name: 'paper',
            display: 'side',
            url: 'https://example.com/paper.pdf',
            mime: 'application/pdf',
          }),
          expect.objectContaining({ type: 'file', name: 'bot.ts', forId: message.id }),
        ]);
        expect(elements[2].chainlitKey).toBeUndefined();
        const file = (key: string, sessionId = client.sessionId) =>
          fetch(`${server.url}/project/file/${key}?session_id=${sessionId}`, {
            headers: identityHeaders(sessionId),
          });
        const text = await file(elements[0].chainlitKey);
        expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(text.headers.get('x-content-type-options')).toBe('nosniff');
        expect(await text.text()).toBe('plain notes');
        const image = Buffer.from(await (await file(elements[1].chainlitKey)).arrayBuffer());
        expect(image.equals(PNG)).toBe(true);
        const source = await file(elements[3].chainlitKey);
        expect(source.headers.get('content-disposition')).toMatch(
          /^inline; filename\*=UTF-8''bot\.ts$/,
        );
        expect(await source.text()).toContain('A bot that uses each interaction');

        const other = await connect();
        const stolen = await file(elements[0].chainlitKey, other.sessionId);
        expect([stolen.status, await stolen.json()]).toEqual([404, { detail: 'File not found' }]);
      });

      it('removes an element from the client and its bytes from the server', async () => {
        const client = await connect();
        const events = await client.ask('unshow');
        const element = events.find((e) => e.name === 'element')!.data;
        expect(events.find((e) => e.name === 'remove_element')?.data).toEqual({ id: element.id });
        const gone = await fetch(
          `${server.url}/project/file/${element.chainlitKey}?session_id=${client.sessionId}`,
          { headers: client.headers },
        );
        expect(gone.status).toBe(404);
      });
    });

    describe('chat settings', () => {
      it('sends the widgets, checks each change against them, and passes good ones to @OnSettingsUpdate', async () => {
        const client = await connect();
        const events = await client.ask('settings');
        const widgets = events.find((e) => e.name === 'chat_settings')!.data;
        expect(widgets.map((w: any) => [w.type, w.id, w.initial])).toEqual([
          ['select', 'model', 'small'],
          ['switch', 'stream', true],
          ['slider', 'temperature', 1],
          ['textinput', 'persona', ''],
          ['numberinput', 'maxTokens', 256],
          ['tags', 'topics', []],
        ]);
        expect(widgets[0].items).toEqual([
          { label: 'small', value: 'small' },
          { label: 'large', value: 'large' },
        ]);
        expect(widgets[2]).toMatchObject({ min: 0, max: 2, step: 0.1, label: 'Temperature' });
        expect(events.find((e) => e.name === 'new_message')?.data.output).toBe(
          'settings: {"model":"small","stream":true,"temperature":1,"persona":"","maxTokens":256,"topics":[]}',
        );

        const bad: [unknown, string][] = [
          [
            { model: 'huge' },
            'chat_settings_change: "model" must be one of "small", "large", got "huge"',
          ],
          [{ stream: 'yes' }, 'chat_settings_change: "stream" must be a boolean, got "yes"'],
          [
            { temperature: 3 },
            'chat_settings_change: "temperature" must be a number from 0 to 2, got 3',
          ],
          [
            { topics: ['news', 'sport'] },
            'chat_settings_change: "topics" must only hold "news", "code", got "sport"',
          ],
          [{ colour: 'red' }, 'chat_settings_change: unknown setting "colour"'],
        ];
        for (const [payload, message] of bad) {
          const from = client.events.length;
          client.socket.emit('chat_settings_change', payload);
          expect((await client.next('exception', from)).data.message).toBe(message);
        }
        client.socket.emit('chat_settings_change', {
          model: 'large',
          temperature: 0.5,
          topics: ['code'],
        });
        await waitUntil(() => probe.settings.length > 0, 'the settings change');
        expect(probe.settings).toEqual([
          {
            model: 'large',
            stream: true,
            temperature: 0.5,
            persona: '',
            maxTokens: 256,
            topics: ['code'],
          },
        ]);
      });

      it('refuses a change from a session that was shown no settings', async () => {
        const client = await connect();
        client.socket.emit('chat_settings_change', { model: 'large' });
        expect((await client.next('exception', 0)).data.message).toBe(
          'chat_settings_change: this session has no chat settings',
        );
        expect(probe.settings).toEqual([]);
      });
    });

    describe('the rest of the session surface', () => {
      it('sends commands, window messages and token usage, and takes window messages and commands', async () => {
        const client = await connect();
        expect((await client.ask('commands')).find((e) => e.name === 'set_commands')?.data).toEqual(
          [{ id: 'search', description: 'Search the notes', icon: 'search' }],
        );
        expect((await client.ask('window')).find((e) => e.name === 'window_message')?.data).toEqual(
          {
            kind: 'hello',
            from: 'bot',
          },
        );
        expect((await client.ask('usage')).find((e) => e.name === 'token_usage')?.data).toBe(42);
        const from = client.events.length;
        client.socket.emit('window_message', { from: 'page' });
        expect((await client.next('window_message', from)).data).toEqual({
          echo: { from: 'page' },
        });
        expect(probe.windowMessages).toEqual([{ from: 'page' }]);
        const events = await (async () => {
          const at = client.events.length;
          client.send('hello', { command: 'search' });
          return [await client.waitFor((e) => e.name === 'new_message', WAIT_MS, at)];
        })();
        expect(events[0].data.output).toBe('echo: hello (/search)');
      });

      it('on edit_message, deletes the messages after the edited one and runs the handlers again', async () => {
        const client = await connect();
        const firstId = crypto.randomUUID();
        const at = client.events.length;
        client.send('first', { id: firstId });
        await client.waitFor((e) => e.name === 'task_end', WAIT_MS, at);
        const firstReply = client.events.slice(at).find((e) => e.name === 'new_message')!;
        expect(firstReply.data.output).toBe('echo: first');
        const secondReply = (await client.ask('second')).find((e) => e.name === 'new_message')!;
        const from = client.events.length;
        client.socket.emit('edit_message', { message: { id: firstId, output: 'first, edited' } });
        const reply = await client.waitFor((e) => e.name === 'new_message', WAIT_MS, from);
        expect(reply.data.output).toBe('echo: first, edited');
        const deleted = client.events
          .slice(from)
          .filter((e) => e.name === 'delete_message')
          .map((e) => e.data.id);
        expect(deleted).toContain(firstReply.data.id);
        expect(deleted).toContain(secondReply.data.id);
        expect(deleted).not.toContain(firstId);
        expect(probe.messages.at(-1)).toMatchObject({ id: firstId, content: 'first, edited' });

        client.socket.emit('edit_message', { message: { id: crypto.randomUUID(), output: 'x' } });
        expect((await client.next('exception', from)).data.message).toMatch(
          /^edit_message: no user message ".*" in this session$/,
        );
      });
    });
  },
);

const auth = (userEnv: string) => ({
  clientType: 'webapp',
  sessionId: crypto.randomUUID(),
  threadId: '',
  userEnv,
  chatProfile: '',
});

describe.each(HTTP_PLATFORMS)('user env, chat profiles and the HTTP routes, on %s', (platform) => {
  let server: TestApp;
  const clients = clientTracker();

  afterEach(async () => {
    clients.closeAll();
    await server?.close();
  });

  it('refuses a connection whose user env lacks a required key, naming it', async () => {
    server = await startApp(
      { providers: [FeatureProbe, FeatureBot] },
      { userEnv: ['OPENAI_API_KEY', 'ORG'] },
      { platform },
    );

    await expect(clients.connect(server.url, { auth: auth('{"ORG":"acme"}') })).rejects.toThrow(
      'connection refused: userEnv is missing "OPENAI_API_KEY"',
    );
    const client = await clients.connect(server.url, {
      auth: auth('{"ORG":"acme","OPENAI_API_KEY":"sk-1"}'),
    });
    expect(client.socket.connected).toBe(true);
  });

  it('serves the project settings true to the app, and refuses an unknown chat profile', async () => {
    server = await startApp(
      { providers: [FeatureProbe, FeatureBot] },
      {
        userEnv: ['KEY'],
        assistantName: 'Ada',
        starters: [{ label: 'Hello', message: 'Say hello' }],
        chatProfiles: [
          { name: 'Fast', markdownDescription: 'quick' },
          { name: 'Deep', default: true, starters: [{ label: 'Think', message: 'Think hard' }] },
        ],
        upload: { accept: ['text/plain'], maxFiles: 3, maxSizeMb: 5 },
      },
      { platform },
    );
    const settings = await (await fetch(`${server.url}/project/settings`)).json();
    expect(settings).toMatchObject({
      ui: { name: 'Ada' },
      userEnv: ['KEY'],
      threadResumable: false,
      dataPersistence: false,
      starters: [{ label: 'Hello', message: 'Say hello' }],
      chatProfiles: [
        { name: 'Fast', markdownDescription: 'quick' },
        { name: 'Deep', default: true },
      ],
      features: {
        spontaneous_file_upload: {
          enabled: true,
          accept: ['text/plain'],
          max_files: 3,
          max_size_mb: 5,
        },
        edit_message: true,
      },
    });
    const deep = (await (
      await fetch(`${server.url}/project/settings?chat_profile=Deep`)
    ).json()) as any;
    expect(deep.starters).toEqual([{ label: 'Think', message: 'Think hard' }]);
    expect(await (await fetch(`${server.url}/auth/config`)).json()).toEqual({
      requireLogin: false,
      passwordAuth: false,
      headerAuth: false,
      oauthProviders: [],
      default_theme: 'light',
      ui: { name: 'Ada', cot: 'full' },
    });
    const user = await fetch(`${server.url}/user`);
    expect([user.status, await user.json()]).toEqual([200, null]);
    await expect(
      clients.connect(server.url, {
        auth: {
          clientType: 'webapp',
          sessionId: crypto.randomUUID(),
          userEnv: '{"KEY":"k"}',
          chatProfile: 'Slow',
        },
      }),
    ).rejects.toThrow('connection refused: unknown chat profile "Slow"');
    const ok = await clients.connect(server.url, {
      auth: {
        clientType: 'webapp',
        sessionId: crypto.randomUUID(),
        userEnv: '{"KEY":"k"}',
        chatProfile: 'Fast',
      },
    });
    expect(ok.socket.connected).toBe(true);
  });
});
