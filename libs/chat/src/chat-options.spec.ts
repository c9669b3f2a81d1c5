import { availableParallelism } from 'node:os';
import type { ChatModuleOptions } from './options/chat-module-options.interface.js';
import { DEFAULT_CHAT_OPTIONS } from './options/chat-options.defaults.js';
import { resolveChatOptions } from './chat-options.js';
import { ChatOptionsError } from './errors/chat-options.error.js';

/** What `resolveChatOptions` throws for `options`, checked to be a ChatOptionsError. */
function errorOf(options: unknown): ChatOptionsError {
  let thrown: unknown;
  try {
    resolveChatOptions(options as ChatModuleOptions);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ChatOptionsError);
  return thrown as ChatOptionsError;
}

describe('resolveChatOptions', () => {
  const defaults = {
    mount: '',
    path: '/ws/socket.io',
    cors: undefined,
    allowedHosts: [],
    identitySecret: undefined,
    sessionTimeoutMs: 300_000,
    maxMessageBytes: 1_048_576,
    maxSessionFiles: 100,
    maxSessionFileBytes: 104_857_600,
    maxUploadBytesInFlight: 268_435_456,
    maxAskTimeoutSeconds: 3600,
    rateLimit: { points: 100, perSeconds: 10 },
    maxSessions: 10_000,
    maxConnectionsPerIp: 100,
    trustProxy: false,
    unusedSessionTimeoutMs: 30_000,
    slowSocketBytes: 1_048_576,
    maxSocketBufferBytes: 8_388_608,
    handlerTimeoutMs: 0,
    shutdownTimeoutMs: 10_000,
    assistantName: 'Assistant',
    coalesceTokens: true,
    tokenFlushMs: 16,
    tokenFlushMaxMs: 100,
    playground: false,
    userEnv: [],
    chatProfiles: [],
    starters: [],
    upload: { accept: ['*/*'], maxFiles: 10, maxSizeMb: 20 },
    ui: { cot: 'full' },
    translations: { dir: undefined, languages: {} },
    favorites: false,
    favicon: undefined,
    logo: {},
    avatarsDir: false,
    publicDir: false,
    auth: false,
    redis: false,
    storage: false,
    asyncify: {
      minThreads: 1,
      maxThreads: Math.max(1, availableParallelism()),
      idleTimeoutMs: 30_000,
      maxQueue: Number.POSITIVE_INFINITY,
    },
  };

  it('applies every default when given no options', () => {
    expect(resolveChatOptions()).toEqual(defaults);
  });

  it('applies every default when given an empty object, or options left undefined', () => {
    expect(resolveChatOptions({})).toEqual(defaults);
    expect(
      resolveChatOptions({
        path: undefined,
        cors: undefined,
        sessionTimeoutMs: undefined,
        assistantName: undefined,
        asyncify: { minThreads: undefined },
      }),
    ).toEqual(defaults);
  });

  it('exports the defaults it applies', () => {
    expect(DEFAULT_CHAT_OPTIONS).toEqual(defaults);
  });

  it('keeps the valid options it is given', () => {
    expect(
      resolveChatOptions({
        path: '/chat',
        sessionTimeoutMs: 0,
        maxMessageBytes: 1024,
        assistantName: 'Ada',
        coalesceTokens: false,
        asyncify: { minThreads: 2, maxThreads: 3, idleTimeoutMs: 0, maxQueue: 0 },
      }),
    ).toEqual({
      ...defaults,
      path: '/chat',
      sessionTimeoutMs: 0,
      maxMessageBytes: 1024,
      assistantName: 'Ada',
      coalesceTokens: false,
      asyncify: { minThreads: 2, maxThreads: 3, idleTimeoutMs: 0, maxQueue: 0 },
    });
  });

  describe('auth, identitySecret and allowedHosts', () => {
    const secret = 'hV7q2XkP9mWc4tRz8LbN3sJd6fGy1aQe5uTo0iYw';

    it('applies the defaults of auth: a 15-day token, 5 failures per username and 20 per address in 15 minutes', () => {
      expect(resolveChatOptions({ auth: { secret } }).auth).toEqual({
        secret,
        tokenTtlSeconds: 1_296_000,
        loginAttempts: { perUsername: 5, perAddress: 20, windowSeconds: 900 },
      });
      const auth = resolveChatOptions({
        auth: { secret, loginAttempts: { perAddress: 50 }, tokenTtlSeconds: 60 },
      }).auth;
      expect(auth && [auth.tokenTtlSeconds, auth.loginAttempts]).toEqual([
        60,
        { perUsername: 5, perAddress: 50, windowSeconds: 900 },
      ]);
      expect(resolveChatOptions({ auth: { secret, loginAttempts: false } }).auth).toMatchObject({
        loginAttempts: false,
      });
    });

    it('refuses a guessable secret or a bad login limit, naming the option', () => {
      expect(errorOf({ auth: { secret: 'x'.repeat(40) } }).message).toMatch(
        /^ChatModule: option "auth.secret" looks guessable: .*; make one with `openssl rand -base64 32`/,
      );
      expect(errorOf({ auth: { secret: 42 } }).message).toMatch(
        /^ChatModule: option "auth.secret" must be a string of random characters; make one with/,
      );
      expect(errorOf({ identitySecret: 'abc' }).message).toMatch(
        /^ChatModule: option "identitySecret" is 3 characters long; it needs at least 32; make one/,
      );
      expect(errorOf({ auth: { secret, loginAttempts: { perUsername: 0 } } }).message).toBe(
        'ChatModule: option "auth.loginAttempts.perUsername" must be an integer >= 1, got 0',
      );
      expect(errorOf({ auth: { secret, loginAttempts: true } }).message).toBe(
        'ChatModule: option "auth.loginAttempts" must be false or an object',
      );
    });

    it('keeps allowed host names in lower case, or true', () => {
      expect(
        resolveChatOptions({ allowedHosts: ['Chat.Example.com', '.corp.'] }).allowedHosts,
      ).toEqual(['chat.example.com', '.corp']);
      expect(resolveChatOptions({ allowedHosts: true }).allowedHosts).toBe(true);
      expect(errorOf({ allowedHosts: 'example.com' }).message).toBe(
        'ChatModule: option "allowedHosts" must be true or an array of host names',
      );
      expect(errorOf({ allowedHosts: ['http://example.com'] }).message).toContain(
        'option "allowedHosts[0]" must be a host name without a port',
      );
    });
  });

  it('resolves the playground option to a path, or false', () => {
    expect(resolveChatOptions({ playground: true }).playground).toEqual({ path: '' });
    expect(resolveChatOptions({ playground: { path: '/try/' } }).playground).toEqual({
      path: '/try',
    });
    expect(errorOf({ playground: { path: 'try' } }).message).toBe(
      'ChatModule: option "playground" must be a boolean or { path } with a path starting with "/", got {"path":"try"}',
    );
  });

  it('names the option that is wrong among userEnv, chatProfiles, starters and upload', () => {
    expect(errorOf({ userEnv: ['KEY', ''] }).message).toMatch(
      /"userEnv" must be an array of non-empty strings/,
    );
    expect(errorOf({ chatProfiles: [{ name: 'a' }, { name: 'a' }] }).message).toMatch(
      /"chatProfiles\[1\]" repeats the name "a"/,
    );
    expect(errorOf({ starters: [{ label: 'x' }] }).message).toMatch(
      /"starters" must be an array of \{ label, message \}/,
    );
    expect(errorOf({ upload: { maxSizeMb: 0 } }).message).toMatch(
      /"upload.maxSizeMb" must be a number > 0, got 0/,
    );
    expect(resolveChatOptions({ upload: false }).upload).toBe(false);
    expect(resolveChatOptions({ upload: { maxFiles: 2 } }).upload).toEqual({
      accept: ['*/*'],
      maxFiles: 2,
      maxSizeMb: 20,
    });
  });

  it('keeps the limits it is given: session files and bytes, uploads in flight, ask timeouts, rate, handler and shutdown time', () => {
    expect(
      resolveChatOptions({
        maxSessionFiles: 5,
        maxSessionFileBytes: 1000,
        maxUploadBytesInFlight: 50_000_000,
        maxAskTimeoutSeconds: 60,
        rateLimit: { points: 5, perSeconds: 0.5 },
        handlerTimeoutMs: 250,
        shutdownTimeoutMs: 0,
      }),
    ).toMatchObject({
      maxSessionFiles: 5,
      maxSessionFileBytes: 1000,
      maxUploadBytesInFlight: 50_000_000,
      maxAskTimeoutSeconds: 60,
      rateLimit: { points: 5, perSeconds: 0.5 },
      handlerTimeoutMs: 250,
      shutdownTimeoutMs: 0,
    });
    expect(resolveChatOptions({ rateLimit: false }).rateLimit).toBe(false);
  });

  it('names the limit that is wrong', () => {
    expect(errorOf({ maxSessionFiles: 0 }).message).toBe(
      'ChatModule: option "maxSessionFiles" must be an integer >= 1, got 0',
    );
    expect(errorOf({ maxSessionFileBytes: 1.5 }).message).toBe(
      'ChatModule: option "maxSessionFileBytes" must be an integer >= 1, got 1.5',
    );
    expect(errorOf({ maxUploadBytesInFlight: 0 }).message).toBe(
      'ChatModule: option "maxUploadBytesInFlight" must be an integer >= 1, got 0',
    );
    expect(errorOf({ maxUploadBytesInFlight: 1_000_000, upload: { maxSizeMb: 1 } }).message).toBe(
      'ChatModule: option "maxUploadBytesInFlight" must be at least the largest upload (upload.maxSizeMb: 1 MB, 1048576 bytes), got 1000000',
    );
    expect(errorOf({ maxAskTimeoutSeconds: 3_000_000 }).message).toBe(
      'ChatModule: option "maxAskTimeoutSeconds" must be at most 2147483 (what a Node timer can wait), got 3000000',
    );
    expect(errorOf({ handlerTimeoutMs: -1 }).message).toBe(
      'ChatModule: option "handlerTimeoutMs" must be an integer >= 0, got -1',
    );
    expect(errorOf({ shutdownTimeoutMs: '5s' as never }).message).toBe(
      'ChatModule: option "shutdownTimeoutMs" must be an integer >= 0, got "5s"',
    );
    expect(errorOf({ tokenFlushMaxMs: -1 }).message).toBe(
      'ChatModule: option "tokenFlushMaxMs" must be an integer >= 0, got -1',
    );
    expect(errorOf({ rateLimit: { points: 0, perSeconds: 1 } }).message).toBe(
      'ChatModule: option "rateLimit" must be false or { points: an integer >= 1, perSeconds: a number > 0 }, got {"points":0,"perSeconds":1}',
    );
    expect(errorOf({ rateLimit: true }).message).toMatch(/"rateLimit" must be false or/);
    expect(errorOf({ rateLimit: { points: 1 } }).message).toMatch(/"rateLimit" must be false or/);
  });

  it('drops the trailing slashes of the path', () => {
    expect(resolveChatOptions({ path: '/chat/' }).path).toBe('/chat');
    expect(resolveChatOptions({ path: '/api/chat///' }).path).toBe('/api/chat');
  });

  it('takes a mount as a path root, a trailing slash dropped', () => {
    expect(resolveChatOptions({ mount: '/chat/' }).mount).toBe('/chat');
    expect(resolveChatOptions({ mount: '/' }).mount).toBe('');
    expect(resolveChatOptions({ mount: '/a/b' }).mount).toBe('/a/b');
  });

  it('turns `cors: true` into any origin, with credentials', () => {
    expect(resolveChatOptions({ cors: true }).cors).toEqual({ origin: true, credentials: true });
  });

  it('keeps `cors: false` and an object of CORS options as they are', () => {
    const cors = { origin: ['https://app.example'], credentials: true };
    expect(resolveChatOptions({ cors: false }).cors).toBe(false);
    expect(resolveChatOptions({ cors }).cors).toEqual(cors);
  });

  it('raises the default maxThreads to minThreads when minThreads is higher', () => {
    const minThreads = availableParallelism() + 4;
    expect(resolveChatOptions({ asyncify: { minThreads } }).asyncify).toMatchObject({
      minThreads,
      maxThreads: minThreads,
    });
  });

  it('names itself in the errors it throws', () => {
    expect(errorOf({ path: 'ws' }).name).toBe('ChatOptionsError');
  });

  it.each<[string, unknown, string]>([
    [
      'a path not starting with "/"',
      { path: 'ws/socket.io' },
      'ChatModule: option "path" must be a string starting with "/", got "ws/socket.io"',
    ],
    [
      'a path of "/" alone',
      { path: '/' },
      'ChatModule: option "path" must be a string starting with "/", got "/"',
    ],
    [
      'an empty path',
      { path: '' },
      'ChatModule: option "path" must be a string starting with "/", got ""',
    ],
    [
      'a path that is not a string',
      { path: 42 },
      'ChatModule: option "path" must be a string starting with "/", got 42',
    ],
    [
      'a negative sessionTimeoutMs',
      { sessionTimeoutMs: -1 },
      'ChatModule: option "sessionTimeoutMs" must be an integer >= 0, got -1',
    ],
    [
      'a sessionTimeoutMs that is not an integer',
      { sessionTimeoutMs: 1.5 },
      'ChatModule: option "sessionTimeoutMs" must be an integer >= 0, got 1.5',
    ],
    [
      'a sessionTimeoutMs given as a string',
      { sessionTimeoutMs: '1000' },
      'ChatModule: option "sessionTimeoutMs" must be an integer >= 0, got "1000"',
    ],
    [
      'a maxMessageBytes below 1024',
      { maxMessageBytes: 1023 },
      'ChatModule: option "maxMessageBytes" must be an integer >= 1024, got 1023',
    ],
    [
      'a maxMessageBytes that is not an integer',
      { maxMessageBytes: 2048.5 },
      'ChatModule: option "maxMessageBytes" must be an integer >= 1024, got 2048.5',
    ],
    [
      'an empty assistantName',
      { assistantName: '' },
      'ChatModule: option "assistantName" must be a non-empty string',
    ],
    [
      'a blank assistantName',
      { assistantName: '  \n' },
      'ChatModule: option "assistantName" must be a non-empty string',
    ],
    [
      'an assistantName that is not a string',
      { assistantName: 7 },
      'ChatModule: option "assistantName" must be a non-empty string',
    ],
    [
      'mount without a leading slash',
      { mount: 'chat' },
      'ChatModule: option "mount" must be a path such as \'/chat\' (a leading slash; letters, digits, "-", "_", ".", "~", "/"), got \'chat\'',
    ],
    [
      'mount with a route parameter',
      { mount: '/:tenant' },
      'ChatModule: option "mount" must be a path such as \'/chat\' (a leading slash; letters, digits, "-", "_", ".", "~", "/"), got \'/:tenant\'',
    ],
    [
      'cors of a string',
      { cors: 'https://app.example' },
      'ChatModule: option "cors" must be a boolean or an object of CORS options',
    ],
    [
      'cors of a number',
      { cors: 1 },
      'ChatModule: option "cors" must be a boolean or an object of CORS options',
    ],
    [
      'cors of null',
      { cors: null },
      'ChatModule: option "cors" must be a boolean or an object of CORS options',
    ],
    [
      'a coalesceTokens that is not a boolean',
      { coalesceTokens: 'yes' },
      'ChatModule: option "coalesceTokens" must be a boolean',
    ],
    [
      'favorites that is not a boolean',
      { favorites: 'yes' },
      'ChatModule: option "favorites" must be a boolean',
    ],
    [
      'options that are not an object',
      'fast',
      'ChatModule: option "options" must be an object, got string',
    ],
    ['asyncify of null', { asyncify: null }, 'ChatModule: option "asyncify" must be an object'],
    [
      'an asyncify.minThreads of 0',
      { asyncify: { minThreads: 0 } },
      'ChatModule: option "asyncify.minThreads" must be an integer >= 1, got 0',
    ],
    [
      'an asyncify.maxThreads below asyncify.minThreads',
      { asyncify: { minThreads: 4, maxThreads: 2 } },
      'ChatModule: option "asyncify.maxThreads" (2) must be at least asyncify.minThreads (4)',
    ],
    [
      'a negative asyncify.idleTimeoutMs',
      { asyncify: { idleTimeoutMs: -5 } },
      'ChatModule: option "asyncify.idleTimeoutMs" must be an integer >= 0, got -5',
    ],
    [
      'a negative asyncify.maxQueue',
      { asyncify: { maxQueue: -1 } },
      'ChatModule: option "asyncify.maxQueue" must be an integer >= 0, got -1',
    ],
    [
      'asyncify.resourceLimits that are not an object',
      { asyncify: { resourceLimits: 64 } },
      'ChatModule: option "asyncify.resourceLimits" must be an object of worker ResourceLimits',
    ],
    [
      'an asyncify.pool without run()',
      { asyncify: { pool: {} } },
      'ChatModule: option "asyncify.pool" must be a piscina pool (an object with run())',
    ],
  ])('refuses %s with a ChatOptionsError that names the option', (_, options, message) => {
    expect(errorOf(options).message).toBe(message);
  });
});

describe('resolveChatOptions edge values', () => {
  it('names null, NaN and a path of only slashes exactly', () => {
    expect(() => resolveChatOptions(null as never)).toThrow(
      'ChatModule: option "options" must be an object, got null',
    );
    expect(() => resolveChatOptions({ sessionTimeoutMs: Number.NaN })).toThrow(
      'ChatModule: option "sessionTimeoutMs" must be an integer >= 0, got NaN',
    );
    expect(() => resolveChatOptions({ path: '//' })).toThrow(
      'ChatModule: option "path" must be a string starting with "/", got "//"',
    );
  });

  describe('the Chainlit UI options', () => {
    const here = new URL('.', import.meta.url).pathname;
    const file = new URL(import.meta.url).pathname;

    it('defaults ui.cot to full and keeps a valid one with the rest of ui', () => {
      expect(resolveChatOptions({ ui: { description: 'x' } }).ui).toEqual({
        description: 'x',
        cot: 'full',
      });
      for (const cot of ['full', 'tool_call', 'hidden']) {
        expect(resolveChatOptions({ ui: { cot } }).ui.cot).toBe(cot);
      }
    });

    it('refuses another ui.cot, naming it', () => {
      expect(errorOf({ ui: { cot: 'some' } }).message).toBe(
        'ChatModule: option "ui.cot" must be one of full, tool_call, hidden, got "some"',
      );
    });

    it('keeps translations by language and a folder of them', () => {
      const fr = { chat: { input: { placeholder: 'Votre message' } } };
      expect(
        resolveChatOptions({ translations: { dir: here, languages: { fr } } }).translations,
      ).toEqual({ dir: here.replace(/\/$/, ''), languages: { fr } });
    });

    it('refuses translations that are not { dir?, languages? } of objects, naming the option', () => {
      expect(errorOf({ translations: 'fr' }).message).toContain('option "translations"');
      expect(errorOf({ translations: { dir: '/no/such/folder' } }).message).toContain(
        'option "translations.dir"',
      );
      expect(errorOf({ translations: { languages: [] } }).message).toContain(
        'option "translations.languages"',
      );
      expect(errorOf({ translations: { languages: { '../x': {} } } }).message).toContain(
        'option "translations.languages"',
      );
      expect(errorOf({ translations: { languages: { fr: 'x' } } }).message).toContain(
        'option "translations.languages.fr"',
      );
    });

    it('takes files for favicon and logo, a folder for avatarsDir and publicDir', () => {
      const options = resolveChatOptions({
        favicon: file,
        logo: { light: file, dark: file },
        avatarsDir: here,
        publicDir: here,
      });
      expect(options.favicon).toBe(file);
      expect(options.logo).toEqual({ light: file, dark: file });
      expect(options.avatarsDir).toBe(here.replace(/\/$/, ''));
      expect(options.publicDir).toBe(here.replace(/\/$/, ''));
    });

    it('refuses a favicon, logo or avatarsDir that is not there, naming the option', () => {
      expect(errorOf({ favicon: '/no/such/icon.png' }).message).toContain('option "favicon"');
      expect(errorOf({ favicon: here }).message).toContain('option "favicon"');
      expect(errorOf({ logo: { light: '/no/such/logo.png' } }).message).toContain(
        'option "logo.light"',
      );
      expect(errorOf({ logo: { blue: file } }).message).toContain('option "logo.blue"');
      expect(errorOf({ logo: 'x' }).message).toContain('option "logo"');
      expect(errorOf({ avatarsDir: file }).message).toContain('option "avatarsDir"');
      expect(errorOf({ avatarsDir: true }).message).toContain('option "avatarsDir"');
      expect(errorOf({ publicDir: file }).message).toContain('option "publicDir"');
      expect(errorOf({ publicDir: '/no/such/dir' }).message).toContain('option "publicDir"');
    });
  });
});
